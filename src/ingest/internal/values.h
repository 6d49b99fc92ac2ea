// ingest/internal/values.h: adding a value to an entity's list of values once.
//
//   AddUnique(entity.websites, "www.example.com");  // "" and a value already there: nothing
//   AddDistinct(entity.identifiers, identifier);     // any type with ==
//
// Thread safety: free functions on the caller's vectors.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

namespace cordon::ingest::internal {

// Appends `value` unless it is empty or already among `values`.
inline void AddUnique(std::vector<std::string>& values, std::string value) {
  if (value.empty()) return;
  if (std::find(values.begin(), values.end(), value) == values.end()) {
    values.push_back(std::move(value));
  }
}

// Appends `value` unless an equal one is already among `values`.
template <typename T>
void AddDistinct(std::vector<T>& values, T value) {
  if (std::find(values.begin(), values.end(), value) == values.end()) {
    values.push_back(std::move(value));
  }
}

}  // namespace cordon::ingest::internal
