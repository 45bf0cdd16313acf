#include "responsefiles/dist_lock.h"

#include <catch2/catch.hpp>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "tests/temp_dir.h"

using namespace mhu::responsefiles;
namespace fs = std::filesystem;
using mhu::test::TempDir;

TEST_CASE("DistLock lets one writer at a time into dist-mhu", "[responsefiles]") {
  TempDir t;
  std::string dist = t.str() + "/dist-mhu", error;
  DistLock first;
  bool waited = true;
  REQUIRE(first.acquire(dist, error, &waited));
  CHECK_FALSE(waited);
  CHECK(fs::exists(dist + "/.writing"));
  CHECK_FALSE(first.previous_run_interrupted());

  // flock locks belong to the open file: a second DistLock waits even in this process.
  std::atomic<bool> got{false};
  bool second_waited = false;
  std::thread other([&] {
    DistLock second;
    std::string e;
    if (second.acquire(dist, e, &second_waited)) got = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  CHECK_FALSE(got);
  first.release();
  other.join();
  CHECK(got);
  CHECK(second_waited);
  CHECK_FALSE(fs::exists(dist + "/.writing"));
}

TEST_CASE("DistLock tells when the last writer was killed", "[responsefiles]") {
  TempDir t;
  std::string dist = t.str() + "/dist-mhu", error;
  fs::create_directories(dist);
  std::ofstream(dist + "/.writing").flush();  // what a killed run leaves
  {
    DistLock lock;
    REQUIRE(lock.acquire(dist, error));
    CHECK(lock.previous_run_interrupted());
  }
  CHECK_FALSE(fs::exists(dist + "/.writing"));
  DistLock again;
  REQUIRE(again.acquire(dist, error));
  CHECK_FALSE(again.previous_run_interrupted());
}

TEST_CASE("DistLock reports a dist-mhu it cannot create", "[responsefiles]") {
  TempDir t;
  std::ofstream(t.str() + "/dist-mhu") << "a file";
  DistLock lock;
  std::string error;
  CHECK_FALSE(lock.acquire(t.str() + "/dist-mhu", error));
  CHECK(error.find(t.str() + "/dist-mhu") != std::string::npos);
}
