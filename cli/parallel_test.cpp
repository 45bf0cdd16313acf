#include "cli/parallel.h"

#include <catch2/catch.hpp>

#include <atomic>
#include <vector>

using namespace mhu::cli;

TEST_CASE("parallel_for calls f once for every index", "[cli]") {
  CHECK(usable_cpus() >= 1);
  for (unsigned threads : {1u, 2u, 5u})
    for (size_t n : {size_t(0), size_t(1), size_t(15), size_t(16), size_t(1000)}) {
      std::vector<std::atomic<int>> calls(n);
      parallel_for(n, 16, threads, [&](size_t i) { calls[i]++; });
      for (size_t i = 0; i < n; ++i) CHECK(calls[i].load() == 1);
    }
}
