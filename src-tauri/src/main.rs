fn main() {
    bilateral::run();
}
