// @vitest-environment happy-dom
// The screen shown when the database cannot be opened: it says why, and its ways out work.
import { describe, expect, it } from "vitest";
import { problemAdvice, problemHeading, showStartupProblem } from "../src/panels/startup-problem";

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("the start-up problem screen", () => {
  const problem = { path: "/data/notes.db", code: "open", message: "cannot open the database at /data/notes.db: the file is not a Bilateral database" };

  it("names a newer release and another program's file in its heading", () => {
    expect(problemHeading({ ...problem, code: "too_new" })).toBe("This database was made by a newer version of Bilateral");
    expect(problemHeading({ ...problem, code: "foreign" })).toBe("This file belongs to another program");
    expect(problemAdvice({ ...problem, code: "too_new" })).toContain("Update Bilateral");
  });

  it("shows the message as text and opens the chosen database", async () => {
    const root = document.createElement("div");
    const opened: string[] = [];
    showStartupProblem(root, { ...problem, message: "<b>not bold</b>" }, {
      openDatabase: async () => "/data/other.db",
      createDatabase: async () => null,
      quit: async () => null,
      opened: (path) => opened.push(path),
    });
    expect(root.querySelector("[data-testid=startup-message]")?.textContent).toBe("<b>not bold</b>");
    expect(root.querySelector("b")).toBeNull();
    root.querySelector<HTMLButtonElement>("[data-testid=startup-open]")?.click();
    await settle();
    expect(opened).toEqual(["/data/other.db"]);
  });

  it("says why creating a database failed and stays on the screen", async () => {
    const root = document.createElement("div");
    const opened: string[] = [];
    showStartupProblem(root, problem, {
      openDatabase: async () => null,
      createDatabase: async () => {
        throw { code: "invalid", message: "bilateral.db already exists, and Bilateral never overwrites a file", field: "file" };
      },
      quit: async () => null,
      opened: (path) => opened.push(path),
    });
    root.querySelector<HTMLButtonElement>("[data-testid=startup-create]")?.click();
    await settle();
    await settle();
    expect(root.querySelector("[data-testid=startup-failure]")?.textContent).toContain("never overwrites");
    expect(opened).toEqual([]);
  });
});
