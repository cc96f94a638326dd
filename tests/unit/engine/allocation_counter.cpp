// Replaces malloc, calloc, realloc and free with glibc's own, counting the calls of a
// thread that has a live AllocationCounter. glibc supports replacing these four
// (the GNU C Library manual, "Replacing malloc"); the others (memalign, ...) stay
// glibc's and free into the same heap.
#include "unit/engine/allocation_counter.hpp"

#if !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)

#include <cstdlib>

extern "C" {
void* __libc_malloc(std::size_t size) noexcept;
void* __libc_calloc(std::size_t count, std::size_t size) noexcept;
void* __libc_realloc(void* pointer, std::size_t size) noexcept;
void __libc_free(void* pointer) noexcept;
}

namespace {
// Per thread, and trivially initialised (no allocation to set them up).
thread_local int counting = 0;
thread_local std::size_t allocations = 0;

void count() {
  if (counting) ++allocations;
}
}  // namespace

extern "C" {
void* malloc(std::size_t size) noexcept {
  count();
  return __libc_malloc(size);
}
void* calloc(std::size_t count_, std::size_t size) noexcept {
  count();
  return __libc_calloc(count_, size);
}
void* realloc(void* pointer, std::size_t size) noexcept {
  count();
  return __libc_realloc(pointer, size);
}
void free(void* pointer) noexcept { __libc_free(pointer); }
}

namespace sinew::testing {
AllocationCounter::AllocationCounter() : start_(allocations) { ++counting; }
AllocationCounter::~AllocationCounter() { --counting; }
std::size_t AllocationCounter::count() const { return allocations - start_; }
}  // namespace sinew::testing

#else

namespace sinew::testing {
AllocationCounter::AllocationCounter() : start_(0) {}
AllocationCounter::~AllocationCounter() = default;
std::size_t AllocationCounter::count() const { return start_; }
}  // namespace sinew::testing

#endif
