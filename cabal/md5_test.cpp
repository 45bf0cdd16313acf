#include "cabal/md5.h"

#include <catch2/catch.hpp>

#include <string>

using namespace mhu::cabal;

namespace {

std::string hex(const std::array<std::uint8_t, 16>& d) {
  static const char* digits = "0123456789abcdef";
  std::string s;
  for (auto b : d) {
    s += digits[b >> 4];
    s += digits[b & 15];
  }
  return s;
}

}  // namespace

TEST_CASE("md5: RFC 1321 test suite", "[md5]") {
  CHECK(hex(md5("")) == "d41d8cd98f00b204e9800998ecf8427e");
  CHECK(hex(md5("a")) == "0cc175b9c0f1b6a831c399e269772661");
  CHECK(hex(md5("abc")) == "900150983cd24fb0d6963f7d28e17f72");
  CHECK(hex(md5("message digest")) == "f96b697d7cb7938d525a2f31aaf161d0");
  CHECK(hex(md5("abcdefghijklmnopqrstuvwxyz")) == "c3fcd3d76192e4007dfb496cca67e13b");
  CHECK(hex(md5("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")) ==
        "d174ab98d277d9f5a5611c2c9f419d9f");
  CHECK(hex(md5("1234567890123456789012345678901234567890"
                "1234567890123456789012345678901234567890")) ==
        "57edf4a22be3c955ac49da2e2107b67a");
}

TEST_CASE("md5: lengths around the padding boundaries", "[md5]") {
  // Lengths where the length field does or does not fit in the last block.
  CHECK(hex(md5(std::string(55, 'a'))) == "ef1772b6dff9a122358552954ad0df65");
  CHECK(hex(md5(std::string(56, 'a'))) == "3b0c8ac703f828b04c6c197006d17218");
  CHECK(hex(md5(std::string(57, 'a'))) == "652b906d60af96844ebd21b674f35e93");
  CHECK(hex(md5(std::string(63, 'a'))) == "b06521f39153d618550606be297466d5");
  CHECK(hex(md5(std::string(64, 'a'))) == "014842d480b571495a4a0363793f7367");
  CHECK(hex(md5(std::string(65, 'a'))) == "c743a45e0d2e6a95cb859adae0248435");
  CHECK(hex(md5(std::string(119, 'a'))) == "8a7bd0732ed6a28ce75f6dabc90e1613");
  CHECK(hex(md5(std::string(120, 'a'))) == "5f61c0ccad4cac44c75ff505e1f1e537");
  CHECK(hex(md5(std::string(1000, 'a'))) == "cabe45dcc9ae5b66ba86600cca6b8ba8");
}

TEST_CASE("md5: Cabal's Fingerprint is the digest as two big-endian words", "[md5]") {
  // Cabal's doctest: showMD5 (md5 (BS.pack [0..127])) == "37eff01866ba3f538421b30b7cbefcac",
  // and showMD5 prints hi then lo in hex.
  std::string bytes;
  for (int i = 0; i < 128; ++i) bytes += static_cast<char>(i);
  CHECK(hex(md5(bytes)) == "37eff01866ba3f538421b30b7cbefcac");
  Md5Fingerprint fp = md5_fingerprint(bytes);
  CHECK(fp.hi == 0x37eff01866ba3f53ULL);
  CHECK(fp.lo == 0x8421b30b7cbefcacULL);
}
