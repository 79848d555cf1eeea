//! The allocator the app and the CLI run with (their `main.rs`), so that a benchmark
//! measures what they do.

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
