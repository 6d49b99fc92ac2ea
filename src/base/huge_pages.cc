#include "base/huge_pages.h"

#include <cstdlib>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace cordon {

namespace {

size_t WholeHugePages(size_t bytes) {
  return (bytes + kHugePageBytes - 1) / kHugePageBytes * kHugePageBytes;
}

}  // namespace

void* AllocateHugePages(size_t bytes) {
  const size_t size = WholeHugePages(bytes);
  void* memory = std::aligned_alloc(kHugePageBytes, size);
  if (memory == nullptr) throw std::bad_alloc();
#if defined(MADV_HUGEPAGE)
  // Advice only: a kernel without transparent huge pages maps the memory as usual.
  madvise(memory, size, MADV_HUGEPAGE);
#endif
  return memory;
}

void FreeHugePages(void* memory, size_t /*bytes*/) { std::free(memory); }

}  // namespace cordon
