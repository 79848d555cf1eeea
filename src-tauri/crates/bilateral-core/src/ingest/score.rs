//! TempEval-3 measures for time expressions: strict and relaxed span F1, and value F1.
