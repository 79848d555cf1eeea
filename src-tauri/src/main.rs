// An import allocates on its reading thread what its writing thread frees; glibc's malloc
// serialises that on a lock (a 1,000,000-event preview took 10 s with it, 7 s without).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    bilateral::run();
}
