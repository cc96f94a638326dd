#pragma once
// Counts the heap allocations (malloc, calloc, realloc, and so operator new) that one
// thread makes while a counter is live. Works by replacing malloc in the test program
// (allocation_counter.cpp); not available under sanitizers, which replace it themselves.

#include <cstddef>

namespace sinew::testing {

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
inline constexpr bool allocation_counting = false;
#else
inline constexpr bool allocation_counting = true;
#endif

// Allocations made by this thread while the counter exists.
class AllocationCounter {
 public:
  AllocationCounter();
  ~AllocationCounter();
  AllocationCounter(const AllocationCounter&) = delete;
  AllocationCounter& operator=(const AllocationCounter&) = delete;
  std::size_t count() const;

 private:
  std::size_t start_;
};

}  // namespace sinew::testing
