// Delta debugging: the minimizing algorithm ddmin of A. Zeller and R. Hildebrandt,
// "Simplifying and Isolating Failure-Inducing Input", IEEE TSE 28(2), 2002, Fig. 4.
//
// Given a list of items (a fault schedule's faults) on which a test fails, returns a
// 1-minimal sublist on which it still fails: removing any single item makes it pass. The
// test is tried on the complement of each of n chunks (and on each chunk), n doubling from
// 2 until chunks are single items. Items keep their order. `fails` is called at most
// O(|items|²) times and never with the full list (the caller has seen it fail).
#pragma once

#include <algorithm>
#include <cstddef>
#include <vector>

namespace halab {

template <typename T, typename Fails>
std::vector<T> ddmin(std::vector<T> items, Fails&& fails) {
  std::size_t n = 2;
  while (items.size() >= 2) {
    n = std::min(n, items.size());
    const std::size_t chunk = (items.size() + n - 1) / n;  // the last chunk may be shorter
    bool reduced = false;
    // Reduce to a chunk (a subset that fails alone), then to a complement.
    for (std::size_t start = 0; start < items.size() && !reduced; start += chunk) {
      std::vector<T> subset(items.begin() + static_cast<std::ptrdiff_t>(start),
                            items.begin() + static_cast<std::ptrdiff_t>(std::min(items.size(), start + chunk)));
      if (fails(subset)) {
        items = std::move(subset);
        n = 2;
        reduced = true;
      }
    }
    for (std::size_t start = 0; start < items.size() && !reduced && n > 2; start += chunk) {
      std::vector<T> complement(items.begin(), items.begin() + static_cast<std::ptrdiff_t>(start));
      complement.insert(complement.end(), items.begin() + static_cast<std::ptrdiff_t>(std::min(items.size(), start + chunk)),
                        items.end());
      if (fails(complement)) {
        items = std::move(complement);
        n = std::max<std::size_t>(n - 1, 2);
        reduced = true;
      }
    }
    if (reduced) continue;
    if (n >= items.size()) break;  // single items: 1-minimal
    n = std::min(items.size(), 2 * n);
  }
  return items;
}

}  // namespace halab
