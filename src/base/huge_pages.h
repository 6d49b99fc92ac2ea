// base/huge_pages.h: memory for large tables read at random, backed by huge pages.
//
//   HugePageVector<Posting> postings;   // a std::vector whose large buffers ask for 2 MiB pages
//
// A lookup that lands anywhere in tens of megabytes misses the TLB as well as the cache, and in
// a virtual machine a TLB miss walks two sets of page tables. With 2 MiB pages, the tables of a
// screening index fit in a few dozen TLB entries. Linux maps a region in huge pages on its
// first touch when it is aligned and advised (MADV_HUGEPAGE), which is what a kernel set to
// "madvise" (transparent_hugepage) requires; elsewhere the advice is a no-op and the memory is
// ordinary.
#pragma once

#include <cstddef>
#include <new>
#include <vector>

namespace cordon {

inline constexpr size_t kHugePageBytes = size_t{2} << 20;

// Buffers of at least kHugePageBytes: `bytes` rounded up to whole huge pages, aligned to one,
// and advised to be mapped in huge pages. Throws std::bad_alloc when out of memory, as
// operator new does.
void* AllocateHugePages(size_t bytes);
void FreeHugePages(void* memory, size_t bytes);

// std::allocator, but a buffer of kHugePageBytes or more comes from AllocateHugePages.
template <typename T>
struct HugePageAllocator {
  using value_type = T;

  HugePageAllocator() = default;
  template <typename U>
  HugePageAllocator(const HugePageAllocator<U>&) {}  // NOLINT: rebinding converts implicitly

  T* allocate(size_t n) {
    const size_t bytes = n * sizeof(T);
    if (bytes < kHugePageBytes) return std::allocator<T>().allocate(n);
    return static_cast<T*>(AllocateHugePages(bytes));
  }
  void deallocate(T* p, size_t n) {
    const size_t bytes = n * sizeof(T);
    if (bytes < kHugePageBytes) {
      std::allocator<T>().deallocate(p, n);
    } else {
      FreeHugePages(p, bytes);
    }
  }
  template <typename U>
  bool operator==(const HugePageAllocator<U>&) const {
    return true;
  }
};

template <typename T>
using HugePageVector = std::vector<T, HugePageAllocator<T>>;

}  // namespace cordon
