//! Reads TimeML (`.tml`) documents: their text, creation time and gold TIMEX3 annotations.
