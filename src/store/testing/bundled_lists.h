// store/testing/bundled_lists.h: test stores, filled from the real lists that
// ship in data/lists, as `cordon ingest` would fill them.
//
//   IngestBundled(store, {"un/UN_consolidated.xml.zst"});
//   IngestBundled(store, kSdn2021);  // the July 2021 OFAC SDN set, one version
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "base/file.h"
#include "store/ingest_files.h"
#include "store/store.h"

namespace cordon::store::testing {

// The OFAC SDN list as bundled: July 2021 (no Russia-2022 designations) and May 2024.
inline const std::vector<std::string> kSdn2021 = {
    "ofac/2021-07_watchman_bench/sdn.csv.zst", "ofac/2021-07_watchman_bench/add.csv.zst",
    "ofac/2021-07_watchman_bench/alt.csv.zst", "ofac/2021-07_watchman_bench/sdn_comments.csv.zst"};
inline const std::vector<std::string> kSdn2024 = {"ofac/sdn.csv.zst"};

// Ingests files of data/lists (paths relative to it, zstd or not) as one new version.
inline void IngestBundled(store::Store& store, const std::vector<std::string>& relative_paths) {
  const std::string lists = std::string(CORDON_BUNDLED_DATA) + "/lists/";
  std::vector<std::string> contents;  // InputFile only views its bytes
  contents.reserve(relative_paths.size());
  std::vector<ingest::InputFile> files;
  for (const std::string& path : relative_paths) {
    Result<std::string> bytes = ReadFile(lists + path);
    ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
    Result<std::string> plain = MaybeDecompress(std::move(*bytes), path);
    ASSERT_TRUE(plain.ok()) << plain.status().ToString();
    std::string name = std::filesystem::path(path).filename().string();
    if (name.ends_with(".zst")) name.resize(name.size() - 4);
    contents.push_back(std::move(*plain));
    files.push_back({name, contents.back()});
  }
  Result<store::IngestReport> report = store::IngestFiles(store, files, {});
  ASSERT_TRUE(report.ok()) << report.status().ToString();
}

}  // namespace cordon::store::testing
