import { describe, expect, it } from "vitest";
import { BackendError, toErrorPayload } from "../src/api/errors";
import { kindClass, kindLabel, KINDS, sideLabel } from "../src/format/labels";
import { isWebUrl } from "../src/panels/links";

describe("source links", () => {
  it("opens only http and https addresses", () => {
    expect(isWebUrl("https://example.org/a")).toBe(true);
    expect(isWebUrl("http://example.org")).toBe(true);
    for (const url of ["javascript:alert(1)", "file:///etc/passwd", "tauri://localhost", "mailto:a@b.c", "data:text/html,x", "", "example.org"]) {
      expect(isWebUrl(url), `${url} must not be opened`).toBe(false);
    }
  });
});

describe("error payloads", () => {
  it("keeps the backend's code, message and field", () => {
    expect(toErrorPayload({ code: "not_found", message: "No event x", field: "id" })).toEqual({
      code: "not_found",
      message: "No event x",
      field: "id",
    });
  });
  it("turns a bridge failure (string or Error) into a message the banner can show", () => {
    expect(toErrorPayload("command window_events not found", "window_events").message).toContain("not found");
    expect(toErrorPayload(new Error("boom")).message).toBe("boom");
    expect(toErrorPayload(undefined).message, "an unknown failure still says something").toBe("Unknown error");
  });
  it("unwraps a BackendError", () => {
    const payload = { code: "invalid_url", message: "only http(s)", field: "url" };
    expect(toErrorPayload(new BackendError(payload))).toEqual(payload);
  });
});

describe("labels", () => {
  it("names every kind and side", () => {
    for (const kind of KINDS) {
      expect(kindLabel(kind), `${kind} needs a label`).not.toContain("_");
      expect(kindClass(kind)).toBe(`kind-${kind}`);
    }
    expect(kindLabel("trade_measure")).toBe("Trade measure");
    expect(sideLabel("us")).toBe("US");
    expect(sideLabel("third_party")).toBe("Third party");
  });
  it("draws a kind it does not know as 'other', with a readable name", () => {
    expect(kindClass("space_race")).toBe("kind-other");
    expect(kindLabel("space_race")).toBe("Space race");
  });
});
