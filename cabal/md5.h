// MD5 (RFC 1321), used the way Cabal-syntax uses it: to fingerprint whole
// .cabal files (Distribution.Utils.MD5, a GHC.Fingerprint underneath).
// Not for security; only for recognising known byte-exact files.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace mhu::cabal {

// The 16-byte RFC 1321 digest of `data`.
std::array<std::uint8_t, 16> md5(std::string_view data);

// Cabal's MD5 type is GHC's `Fingerprint hi lo`: GHC reads the digest as two
// big-endian Word64s, bytes 0..7 -> hi and 8..15 -> lo, so `showMD5` prints
// the usual hex digest. Cabal's tables are written in these numbers.
struct Md5Fingerprint {
  std::uint64_t hi = 0;
  std::uint64_t lo = 0;
  friend bool operator==(const Md5Fingerprint&, const Md5Fingerprint&) = default;
};

Md5Fingerprint md5_fingerprint(const std::array<std::uint8_t, 16>& digest);
inline Md5Fingerprint md5_fingerprint(std::string_view data) {
  return md5_fingerprint(md5(data));
}

}  // namespace mhu::cabal
