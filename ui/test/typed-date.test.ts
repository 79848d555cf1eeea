// "Jump to date": what people type, read at the precision they typed, and refused (with a
// message saying what to type) when it is not a date or could be two.
import { describe, expect, it } from "vitest";
import { parseTypedDate, type TypedDate } from "../src/format/typed-date";
import type { PartialDateParts } from "../src/format/partial-date";

function parts(text: string): PartialDateParts {
  const result = parseTypedDate(text);
  if (!result?.ok) throw new Error(`“${text}” should be read, got ${JSON.stringify(result)}`);
  return result.parts;
}

function refusal(text: string): string {
  const result: TypedDate | null = parseTypedDate(text);
  if (result === null || result.ok) throw new Error(`“${text}” should be refused, got ${JSON.stringify(result)}`);
  return result.message;
}

const DAY = { year: 1972, month: 2, day: 21, precision: "day" };
const MONTH = { year: 1972, month: 2, day: 1, precision: "month" };
const YEAR = { year: 1972, month: 1, day: 1, precision: "year" };

describe("typed dates", () => {
  it("reads a year", () => {
    expect(parts("1972")).toEqual(YEAR);
    expect(parts("  1972 ")).toEqual(YEAR);
  });

  it("reads a month however it is written", () => {
    for (const text of ["Feb 1972", "February 1972", "february 1972", "FEB 1972", "Feb. 1972", "Febr 1972", "1972-02", "1972-2", "1972/02", "2/1972", "02/1972", "1972 Feb", "Feb, 1972"]) {
      expect(parts(text), text).toEqual(MONTH);
    }
    expect(parts("Sept 1972"), "Sept").toEqual({ ...MONTH, month: 9 });
    expect(parts("may 1972"), "May, not March").toEqual({ ...MONTH, month: 5 });
  });

  it("reads a day however it is written", () => {
    for (const text of [
      "1972-02-21",
      "1972-2-21",
      "1972/02/21",
      "21 Feb 1972",
      "21 February 1972",
      "21st February 1972",
      "Feb 21, 1972",
      "Feb 21 1972",
      "February 21st, 1972",
      "21-Feb-1972",
      "1972 Feb 21",
      "21/2/1972",
      "21.02.1972",
      "2/21/1972",
    ]) {
      expect(parts(text), text).toEqual(DAY);
    }
    expect(parts("5/5/1972"), "the same day either way round").toEqual({ ...DAY, month: 5, day: 5 });
    expect(parts("1972-02-21T10:30:00Z"), "a stored date with a time").toEqual(DAY);
  });

  it("knows leap years", () => {
    expect(parts("29 Feb 1972")).toEqual({ ...DAY, day: 29 });
    expect(parts("2000-02-29")).toEqual({ year: 2000, month: 2, day: 29, precision: "day" });
    expect(refusal("29 Feb 1973")).toBe("February 1973 has 28 days: there is no 29 February.");
    expect(refusal("1900-02-29"), "1900 was not a leap year").toContain("February 1900 has 28 days");
  });

  it("refuses days and months that do not exist, naming them", () => {
    expect(refusal("30 Feb 1972")).toBe("February 1972 has 29 days: there is no 30 February.");
    expect(refusal("Feb 30, 1972")).toBe("February 1972 has 29 days: there is no 30 February.");
    expect(refusal("1972-02-30")).toBe("February 1972 has 29 days: there is no 30 February.");
    expect(refusal("31/4/1972")).toBe("April 1972 has 30 days: there is no 31 April.");
    expect(refusal("1972-13")).toBe("There is no month 13: months run from 1 to 12.");
    expect(refusal("1972-00-10")).toBe("There is no month 0: months run from 1 to 12.");
    expect(refusal("0 Feb 1972")).toContain("there is no 0 February");
    expect(refusal("Febuary 1972")).toContain("“febuary” is not a month");
  });

  it("refuses a slashed date that could be read two ways, offering both", () => {
    const message = refusal("2/3/1972");
    expect(message).toContain("could be 2 March or 3 February 1972");
    expect(message).toContain("2 Mar 1972");
    expect(message).toContain("3 Feb 1972");
    expect(refusal("11.12.1972")).toContain("could be 11 December or 12 November 1972");
    expect(refusal("13/14/1972")).toContain("has no month");
  });

  it("asks for the year in full rather than guess the century", () => {
    expect(refusal("21/2/72")).toBe("Type the year in full, such as 1972.");
    expect(refusal("72")).toBe("Type the year in full, such as 1972.");
    expect(refusal("21 Feb 72")).toContain("year in full");
    expect(refusal("0972")).toBe("Type the year in full, such as 1972.");
  });

  it("asks for a year when there is none", () => {
    expect(refusal("Feb")).toContain("Add the year");
    expect(refusal("21 Feb")).toContain("Add the year");
  });

  it("says what it accepts for anything else", () => {
    for (const text of ["yesterday?", "1972-02-21-05", "19722", "<b>1972</b>", "21 Feb 1972 1973"]) {
      expect(refusal(text), text).toMatch(/Type a date such as 1972, Feb 1972, 21 Feb 1972/);
    }
  });

  it("has nothing to say about an empty field", () => {
    expect(parseTypedDate("")).toBeNull();
    expect(parseTypedDate("   ")).toBeNull();
  });
});
