// monitor/testing/sdn_update.h: the real OFAC SDN update of July 2021 -> May 2024 (6,870 entries
// added, 881 removed, 6,871 changed) as two screening snapshots, built once per test binary.
#pragma once

#include <memory>

#include "screening/snapshot.h"
#include "store/testing/bundled_lists.h"

namespace cordon::monitor::testing {

struct SdnUpdate {
  std::unique_ptr<store::Store> store;
  std::shared_ptr<const screening::Snapshot> july_2021;
  std::shared_ptr<const screening::Snapshot> may_2024;
};

inline const SdnUpdate& Sdn() {
  static const SdnUpdate* update = [] {
    auto* u = new SdnUpdate;
    u->store = std::move(store::Store::Open(":memory:").value());
    store::testing::IngestBundled(*u->store, store::testing::kSdn2021);
    u->july_2021 = screening::Snapshot::Build(*u->store, {}).value();
    store::testing::IngestBundled(*u->store, store::testing::kSdn2024);
    u->may_2024 = screening::Snapshot::Build(*u->store, {}).value();
    return u;
  }();
  return *update;
}

}  // namespace cordon::monitor::testing
