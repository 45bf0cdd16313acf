// Work spread over the CPUs this process may use. Callers keep their results
// by index, so what they print does not depend on the threads' timing.
#pragma once

#include <cstddef>
#include <functional>

namespace mhu::cli {

// The CPUs this process may run on (its affinity mask), at least 1.
unsigned usable_cpus();

// f(i) for every i < n, on up to `threads` threads (this one among them),
// which take runs of `chunk` indexes in turn; returns when every call has
// returned. f must be safe to call concurrently for different indexes.
void parallel_for(size_t n, size_t chunk, unsigned threads, const std::function<void(size_t)>& f);

}  // namespace mhu::cli
