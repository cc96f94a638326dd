#pragma once
// BigArray: a zero-filled array of trivially copyable elements that may be large.
//
// Arrays of 2 MiB or more are mapped straight from the kernel (already zero: no
// memset touches them) and marked for transparent huge pages: a table of tens of
// megabytes then costs tens of page faults instead of thousands, which matters most
// on virtual machines where a fault is expensive. Smaller arrays use calloc.

#include <sys/mman.h>

#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <new>
#include <type_traits>
#include <utility>

namespace sinew::engine {

template <typename T>
class BigArray {
  static_assert(std::is_trivially_copyable_v<T>);

 public:
  BigArray() = default;
  explicit BigArray(std::size_t size) : size_(size) {
    std::size_t bytes = size * sizeof(T);
    if (bytes >= huge_threshold) {
      mapped_ = (bytes + huge_page - 1) / huge_page * huge_page;
      void* p = mmap(nullptr, mapped_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
      if (p == MAP_FAILED) throw std::bad_alloc();
      madvise(p, mapped_, MADV_HUGEPAGE);
      data_ = static_cast<T*>(p);
    } else if (size > 0) {
      data_ = static_cast<T*>(std::calloc(size, sizeof(T)));
      if (!data_) throw std::bad_alloc();
    }
  }
  BigArray(BigArray&& other) noexcept
      : data_(std::exchange(other.data_, nullptr)),
        size_(std::exchange(other.size_, 0)),
        mapped_(std::exchange(other.mapped_, 0)) {}
  BigArray& operator=(BigArray&& other) noexcept {
    if (this != &other) {
      release();
      data_ = std::exchange(other.data_, nullptr);
      size_ = std::exchange(other.size_, 0);
      mapped_ = std::exchange(other.mapped_, 0);
    }
    return *this;
  }
  BigArray(const BigArray&) = delete;
  BigArray& operator=(const BigArray&) = delete;
  ~BigArray() { release(); }

  // A copy (explicit: copying a big table is never what a move meant).
  BigArray copy() const {
    BigArray out(size_);
    if (size_ > 0) std::memcpy(out.data_, data_, bytes());
    return out;
  }
  // Zeroes every element; the memory stays.
  void zero() {
    if (size_ > 0) std::memset(static_cast<void*>(data_), 0, bytes());
  }

  T* data() { return data_; }
  const T* data() const { return data_; }
  std::size_t size() const { return size_; }
  T& operator[](std::size_t i) { return data_[i]; }
  const T& operator[](std::size_t i) const { return data_[i]; }
  std::size_t bytes() const { return size_ * sizeof(T); }

 private:
  static constexpr std::size_t huge_page = std::size_t{2} << 20;
  static constexpr std::size_t huge_threshold = huge_page;

  void release() {
    if (!data_) return;
    if (mapped_) munmap(data_, mapped_);
    else std::free(data_);
    data_ = nullptr;
  }

  T* data_ = nullptr;
  std::size_t size_ = 0;
  std::size_t mapped_ = 0;  // non-zero: mapped with mmap, this many bytes
};

// A growable array on BigArray (doubling), for per-row side arrays.
template <typename T>
class BigVector {
 public:
  void push_back(T value) {
    if (size_ == array_.size()) {
      BigArray<T> bigger(array_.size() < 16 ? 16 : array_.size() * 2);
      for (std::size_t i = 0; i < size_; ++i) bigger[i] = array_[i];
      array_ = std::move(bigger);
    }
    array_[size_++] = value;
  }
  void reserve(std::size_t n) {
    if (n <= array_.size()) return;
    BigArray<T> bigger(n);
    for (std::size_t i = 0; i < size_; ++i) bigger[i] = array_[i];
    array_ = std::move(bigger);
  }
  T& operator[](std::size_t i) { return array_[i]; }
  const T& operator[](std::size_t i) const { return array_[i]; }
  std::size_t size() const { return size_; }
  std::size_t capacity() const { return array_.size(); }
  // Empties the vector and keeps its memory.
  void clear() { size_ = 0; }
  BigVector copy() const {
    BigVector out;
    out.array_ = array_.copy();
    out.size_ = size_;
    return out;
  }

 private:
  BigArray<T> array_;
  std::size_t size_ = 0;
};

}  // namespace sinew::engine
