#include "cli/parallel.h"

#include <sched.h>

#include <algorithm>
#include <atomic>
#include <system_error>
#include <thread>
#include <vector>

namespace mhu::cli {

unsigned usable_cpus() {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (::sched_getaffinity(0, sizeof set, &set) == 0) {
    int n = CPU_COUNT(&set);
    if (n > 0) return static_cast<unsigned>(n);
  }
  unsigned n = std::thread::hardware_concurrency();
  return n ? n : 1;
}

void parallel_for(size_t n, size_t chunk, unsigned threads, const std::function<void(size_t)>& f) {
  chunk = std::max<size_t>(chunk, 1);
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t start; (start = next.fetch_add(chunk, std::memory_order_relaxed)) < n;)
      for (size_t i = start; i < std::min(n, start + chunk); ++i) f(i);
  };
  std::vector<std::thread> pool;
  size_t chunks = (n + chunk - 1) / chunk;
  for (unsigned t = 1; t < threads && t < chunks; ++t) {
    try {
      pool.emplace_back(work);
    } catch (const std::system_error&) {
      break;  // no more threads to be had: the ones running (and this one) do it all
    }
  }
  work();
  for (auto& t : pool) t.join();
}

}  // namespace mhu::cli
