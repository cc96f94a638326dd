// The `sinew` command.
int main() { return 0; }
