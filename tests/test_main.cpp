// The unit-test binary: every `*_test.cpp` beside a source file is linked in.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
