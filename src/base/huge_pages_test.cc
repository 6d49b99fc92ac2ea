#include "base/huge_pages.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <numeric>

namespace cordon {
namespace {

TEST(HugePageVectorTest, ALargeBufferIsAlignedToAHugePageAndHoldsItsValues) {
  HugePageVector<uint32_t> values(3'000'000);  // 12 MB
  EXPECT_EQ(reinterpret_cast<uintptr_t>(values.data()) % kHugePageBytes, 0u);
  std::iota(values.begin(), values.end(), 0u);
  EXPECT_EQ(values[2'999'999], 2'999'999u);
  // Growing moves the values into a new buffer and frees the old one.
  values.push_back(7);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(values.data()) % kHugePageBytes, 0u);
  EXPECT_EQ(values[1'234'567], 1'234'567u);
  EXPECT_EQ(values.back(), 7u);
}

TEST(HugePageVectorTest, ASmallBufferIsOrdinaryMemory) {
  HugePageVector<uint64_t> small = {1, 2, 3};
  EXPECT_EQ(small[2], 3u);
  small.shrink_to_fit();
  HugePageVector<uint64_t> copy = small;
  EXPECT_EQ(copy, small);
}

}  // namespace
}  // namespace cordon
