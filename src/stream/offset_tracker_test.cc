#include "stream/internal/offset_tracker.h"

#include <gtest/gtest.h>

namespace cordon::stream::internal {
namespace {

TEST(OffsetTrackerTest, NothingToCommitBeforeARecordIsStarted) {
  OffsetTracker tracker;
  EXPECT_EQ(tracker.Committable(0), std::nullopt);
}

TEST(OffsetTrackerTest, CommitsOnlyTheAcknowledgedPrefix) {
  OffsetTracker tracker;
  tracker.Started(0, 10, 1);
  tracker.Started(0, 11, 1);
  tracker.Started(0, 12, 1);
  EXPECT_EQ(tracker.Committable(0), 10);  // nothing acknowledged: 10 is read again
  EXPECT_TRUE(tracker.Acknowledged(0, 11));
  EXPECT_EQ(tracker.Committable(0), 10);  // 10 is still in flight: 11 must not be skipped
  EXPECT_TRUE(tracker.Acknowledged(0, 10));
  EXPECT_EQ(tracker.Committable(0), 12);
  EXPECT_TRUE(tracker.Acknowledged(0, 12));
  EXPECT_EQ(tracker.Committable(0), 13);
  EXPECT_EQ(tracker.in_flight(), 0u);
}

TEST(OffsetTrackerTest, ARecordWithAnAlertWaitsForBothMessages) {
  OffsetTracker tracker;
  tracker.Started(3, 0, 2);
  EXPECT_TRUE(tracker.Acknowledged(3, 0));
  EXPECT_EQ(tracker.Committable(3), 0);
  EXPECT_TRUE(tracker.Acknowledged(3, 0));
  EXPECT_EQ(tracker.Committable(3), 1);
  EXPECT_FALSE(tracker.Acknowledged(3, 0));  // a third report: not in flight
}

TEST(OffsetTrackerTest, PartitionsAreIndependentAndOffsetsMaySkip) {
  OffsetTracker tracker;
  tracker.Started(0, 5, 1);
  tracker.Started(1, 100, 1);
  tracker.Started(1, 107, 1);  // compacted away in between
  EXPECT_TRUE(tracker.Acknowledged(1, 100));
  EXPECT_TRUE(tracker.Acknowledged(1, 107));
  EXPECT_EQ(tracker.Committable(0), 5);
  EXPECT_EQ(tracker.Committable(1), 108);
}

TEST(OffsetTrackerTest, AReportForARevokedPartitionIsIgnored) {
  OffsetTracker tracker;
  tracker.Started(2, 40, 1);
  tracker.Forget(2);
  EXPECT_FALSE(tracker.Acknowledged(2, 40));
  EXPECT_EQ(tracker.Committable(2), std::nullopt);
}

}  // namespace
}  // namespace cordon::stream::internal
