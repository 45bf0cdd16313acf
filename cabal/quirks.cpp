#include "cabal/quirks.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>

#include "cabal/md5.h"

namespace mhu::cabal {

namespace {

using namespace std::string_view_literals;

// Cabal's patch helpers; each finds only the FIRST occurrence of the needle
// (Data.ByteString.breakSubstring), and leaves the text alone when absent.
struct Op {
  enum Kind : std::uint8_t {
    Remove,          // bsRemove needle: delete the needle
    Replace,         // bsReplace needle repl: substitute repl for the needle
    RemoveStarting,  // bsRemoveStarting needle: cut the file at the needle
  };
  Kind kind;
  std::string_view needle;
  std::string_view replacement;  // Replace only
};

struct Quirk {
  // Cabal keys its Map on (BS.take 256 file, md5 file); every prefix in the
  // table is a full 256 bytes, so shorter files never match.
  std::string_view prefix;
  Md5Fingerprint pre;   // md5 of the original file
  Md5Fingerprint post;  // md5 the patched file must have, or the patch is dropped
  // Cabal writes patches as compositions `f . g`; stored here in the order
  // they run (g first).
  std::array<Op, 2> ops;
  std::size_t n_ops;
};

constexpr std::size_t kPrefixLen = 256;

// Kept byte-exact with Cabal (fingerprints as Cabal writes them: Fingerprint hi lo).
// clang-format off
constexpr Quirk kQuirks[] = {
    // Generated from Cabal-syntax 3.12 Distribution/PackageDescription/Quirks.hs
    // (57 entries, in Cabal's order); the comments are Cabal's own.
    // http://hackage.haskell.org/package/unicode-transforms-0.3.3
    // other-modules: .
    // ReadP assumed dot is empty line
    // (Cabal's note on this entry: "TODO: remove trailing \n to test structural-diff")
    {"-- This file has been generated from package.yaml by hpack version 0.17.0.\n"
     "--\n"
     "-- see: https://github.com/sol/hpack\n"
     "\n"
     "name:                unicode-transforms\n"
     "version:             0.3.3\n"
     "synopsis:            Unicode normalization\n"
     "description:         Fast Unic"sv,
     {15958160436627155571ULL, 10318709190730872881ULL},
     {11008465475756725834ULL, 13815629925116264363ULL},
     {{{Op::Remove, "  other-modules:\n      .\n"sv, {}}}}, 1},
    // http://hackage.haskell.org/package/DSTM-0.1.2
    // http://hackage.haskell.org/package/DSTM-0.1.1
    // http://hackage.haskell.org/package/DSTM-0.1
    // Other Modules: no dash
    // ReadP parsed as section
    {"Name: DSTM\n"
     "Version: 0.1.2\n"
     "Copyright: (c) 2010, Frank Kupke\n"
     "License: LGPL\n"
     "License-File: LICENSE\n"
     "Author: Frank Kupke\n"
     "Maintainer: frk@informatik.uni-kiel.de\n"
     "Cabal-Version: >= 1.2.3\n"
     "Stability: provisional\n"
     "Synopsis: A framework for using STM within distributed "sv,
     {6919263071548559054ULL, 9050746360708965827ULL},
     {17015177514298962556ULL, 11943164891661867280ULL},
     {{{Op::Replace, "Other modules:"sv, "-- "sv}}}, 1},
    {"Name: DSTM\n"
     "Version: 0.1.1\n"
     "Copyright: (c) 2010, Frank Kupke\n"
     "License: LGPL\n"
     "License-File: LICENSE\n"
     "Author: Frank Kupke\n"
     "Maintainer: frk@informatik.uni-kiel.de\n"
     "Cabal-Version: >= 1.2.3\n"
     "Stability: provisional\n"
     "Synopsis: A framework for using STM within distributed "sv,
     {17313105789069667153ULL, 9610429408495338584ULL},
     {17250946493484671738ULL, 17629939328766863497ULL},
     {{{Op::Replace, "Other modules:"sv, "-- "sv}}}, 1},
    {"Name: DSTM\n"
     "Version: 0.1\n"
     "Copyright: (c) 2010, Frank Kupke\n"
     "License: LGPL\n"
     "License-File: LICENSE\n"
     "Author: Frank Kupke\n"
     "Maintainer: frk@informatik.uni-kiel.de\n"
     "Cabal-Version: >= 1.2.3\n"
     "Stability: provisional\n"
     "Synopsis: A framework for using STM within distributed sy"sv,
     {10502599650530614586ULL, 16424112934471063115ULL},
     {13562014713536696107ULL, 17899511905611879358ULL},
     {{{Op::Replace, "Other modules:"sv, "-- "sv}}}, 1},
    // http://hackage.haskell.org/package/control-monad-exception-mtl-0.10.3
    {"name: control-monad-exception-mtl\n"
     "version: 0.10.3\n"
     "Cabal-Version:  >= 1.10\n"
     "build-type: Simple\n"
     "license: PublicDomain\n"
     "author: Pepe Iborra\n"
     "maintainer: pepeiborra@gmail.com\n"
     "homepage: http://pepeiborra.github.com/control-monad-exception\n"
     "synopsis: MTL instances f"sv,
     {18274748422558568404ULL, 4043538769550834851ULL},
     {11395257416101232635ULL, 4303318131190196308ULL},
     {{{Op::Replace, " default- extensions:"sv, "unknown-section"sv}}}, 1},
    // http://hackage.haskell.org/package/vacuum-opengl-0.0
    // \DEL character
    {"Name:                vacuum-opengl\n"
     "Version:             0.0\n"
     "Synopsis:            Visualize live Haskell data structures using vacuum, graphviz and OpenGL.\n"
     "Description:         \177Visualize live Haskell data structures using vacuum, graphviz and OpenGL.\n"
     "     "sv,
     {5946760521961682577ULL, 16933361639326309422ULL},
     {14034745101467101555ULL, 14024175957788447824ULL},
     {{{Op::Remove, "\177"sv, {}}}}, 1},
    {"Name:                vacuum-opengl\n"
     "Version:             0.0.1\n"
     "Synopsis:            Visualize live Haskell data structures using vacuum, graphviz and OpenGL.\n"
     "Description:         \177Visualize live Haskell data structures using vacuum, graphviz and OpenGL.\n"
     "   "sv,
     {10790950110330119503ULL, 1309560249972452700ULL},
     {1565743557025952928ULL, 13645502325715033593ULL},
     {{{Op::Remove, "\177"sv, {}}}}, 1},
    // http://hackage.haskell.org/package/ixset-1.0.4
    // {- comments -}
    {"Name:                ixset\n"
     "Version:             1.0.4\n"
     "Synopsis:            Efficient relational queries on Haskell sets.\n"
     "Description:\n"
     "    Create and query sets that are indexed by multiple indices.\n"
     "License:             BSD3\n"
     "License-file:        COPYING\n"
     "Aut"sv,
     {11886092342440414185ULL, 4150518943472101551ULL},
     {5731367240051983879ULL, 17473925006273577821ULL},
     {{{Op::RemoveStarting, "{-"sv, {}}}}, 1},
    // : after section
    // http://hackage.haskell.org/package/ds-kanren
    {"name:                ds-kanren\n"
     "version:             0.2.0.0\n"
     "synopsis:            A subset of the miniKanren language\n"
     "description:\n"
     "  ds-kanren is an implementation of the <http://minikanren.org miniKanren> language.\n"
     "  .\n"
     "  == What's in ds-kanren?\n"
     "  .\n"
     "  ['dis"sv,
     {2804006762382336875ULL, 9677726932108735838ULL},
     {9830506174094917897ULL, 12812107316777006473ULL},
     {{{Op::Replace, "Test-Suite test-list-ops:"sv, "Test-Suite \"test-list-ops:\""sv},
       {Op::Replace, "Test-Suite test-unify:"sv, "Test-Suite \"test-unify:\""sv}}},
     2},
    {"name:                ds-kanren\n"
     "version:             0.2.0.1\n"
     "synopsis:            A subset of the miniKanren language\n"
     "description:\n"
     "  ds-kanren is an implementation of the <http://minikanren.org miniKanren> language.\n"
     "\n"
     "license:             MIT\n"
     "license-file:  "sv,
     {9130259649220396193ULL, 2155671144384738932ULL},
     {1847988234352024240ULL, 4597789823227580457ULL},
     {{{Op::Replace, "Test-Suite test-list-ops:"sv, "Test-Suite \"test-list-ops:\""sv},
       {Op::Replace, "Test-Suite test-unify:"sv, "Test-Suite \"test-unify:\""sv}}},
     2},
    {"name:                metric\n"
     "version:             0.1.4\n"
     "synopsis:            Metric spaces.\n"
     "license:             MIT\n"
     "license-file:        LICENSE\n"
     "author:              Vikram Verma\n"
     "maintainer:          me@vikramverma.com\n"
     "category:            Data\n"
     "build-type:"sv,
     {6150019278861565482ULL, 3066802658031228162ULL},
     {9124826020564520548ULL, 15629704249829132420ULL},
     {{{Op::Replace, "test-suite metric-tests:"sv, "test-suite \"metric-tests:\""sv}}}, 1},
    {"name:                metric\n"
     "version:             0.2.0\n"
     "synopsis:            Metric spaces.\n"
     "license:             MIT\n"
     "license-file:        LICENSE\n"
     "author:              Vikram Verma\n"
     "maintainer:          me@vikramverma.com\n"
     "category:            Data\n"
     "build-type:"sv,
     {4639805967994715694ULL, 7859317050376284551ULL},
     {5566222290622325231ULL, 873197212916959151ULL},
     {{{Op::Replace, "test-suite metric-tests:"sv, "test-suite \"metric-tests:\""sv}}}, 1},
    {"name:          phasechange\n"
     "category:      Data\n"
     "version:       0.1\n"
     "author:        G\303\241bor Lehel\n"
     "maintainer:    G\303\241bor Lehel <illissius@gmail.com>\n"
     "homepage:      http://github.com/glehel/phasechange\n"
     "copyright:     Copyright (C) 2012 G\303\241bor Lehel\n"
     "license:     "sv,
     {10546509771395401582ULL, 245508422312751943ULL},
     {5169853482576003304ULL, 7247091607933993833ULL},
     {{{Op::Replace, "impl(ghc >= 7.6):"sv, "erroneous-section"sv},
       {Op::Replace, "impl(ghc >= 7.4):"sv, "erroneous-section"sv}}},
     2},
    {"Name:                smartword\n"
     "Synopsis:            Web based flash card for Word Smart I and II vocabularies\n"
     "Version:             0.0.0.5\n"
     "Homepage:            http://kyagrd.dyndns.org/~kyagrd/project/smartword/\n"
     "Category:            Web,Education\n"
     "License: "sv,
     {7803544783533485151ULL, 10807347873998191750ULL},
     {1665635316718752601ULL, 16212378357991151549ULL},
     {{{Op::Replace, "build depends:"sv, "--"sv}}}, 1},
    {"name:           shelltestrunner\n"
     "-- sync with README.md, ANNOUNCE:\n"
     "version:        1.3\n"
     "category:       Testing\n"
     "synopsis:       A tool for testing command-line programs.\n"
     "description:\n"
     " shelltestrunner is a cross-platform tool for testing command-line\n"
     " program"sv,
     {4403237110790078829ULL, 15392625961066653722ULL},
     {10218887328390239431ULL, 4644205837817510221ULL},
     {{{Op::Replace, "other modules:"sv, "--"sv}}}, 1},
    // &&!
    // http://hackage.haskell.org/package/hblas-0.3.0.0
    {"-- Initial hblas.cabal generated by cabal init.  For further \n"
     "-- documentation, see http://haskell.org/cabal/users-guide/\n"
     "\n"
     "-- The name of the package.\n"
     "name:                hblas\n"
     "\n"
     "-- The package version.  See the Haskell package versioning policy (PVP) \n"
     "-- "sv,
     {8570120150072467041ULL, 18315524331351505945ULL},
     {10838007242302656005ULL, 16026440017674974175ULL},
     {{{Op::Replace, "&&!"sv, "&& !"sv}}}, 1},
    {"-- Initial hblas.cabal generated by cabal init.  For further \n"
     "-- documentation, see http://haskell.org/cabal/users-guide/\n"
     "\n"
     "-- The name of the package.\n"
     "name:                hblas\n"
     "\n"
     "-- The package version.  See the Haskell package versioning policy (PVP) \n"
     "-- "sv,
     {5262875856214215155ULL, 10846626274067555320ULL},
     {3022954285783401045ULL, 13395975869915955260ULL},
     {{{Op::Replace, "&&!"sv, "&& !"sv}}}, 1},
    {"-- Initial hblas.cabal generated by cabal init.  For further \n"
     "-- documentation, see http://haskell.org/cabal/users-guide/\n"
     "\n"
     "-- The name of the package.\n"
     "name:                hblas\n"
     "\n"
     "-- The package version.  See the Haskell package versioning policy (PVP) \n"
     "-- "sv,
     {54222628930951453ULL, 5526514916844166577ULL},
     {1749630806887010665ULL, 8607076506606977549ULL},
     {{{Op::Replace, "&&!"sv, "&& !"sv}}}, 1},
    {"-- Initial hblas.cabal generated by cabal init.  For further\n"
     "-- documentation, see http://haskell.org/cabal/users-guide/\n"
     "\n"
     "-- The name of the package.\n"
     "name:                hblas\n"
     "\n"
     "-- The package version.  See the Haskell package versioning policy (PVP)\n"
     "-- fo"sv,
     {6817250511240350300ULL, 15278852712000783849ULL},
     {15757717081429529536ULL, 15542551865099640223ULL},
     {{{Op::Replace, "&&!"sv, "&& !"sv}}}, 1},
    {"-- Initial hblas.cabal generated by cabal init.  For further\n"
     "-- documentation, see http://haskell.org/cabal/users-guide/\n"
     "\n"
     "-- The name of the package.\n"
     "name:                hblas\n"
     "\n"
     "-- The package version.  See the Haskell package versioning policy (PVP)\n"
     "-- fo"sv,
     {8310050400349211976ULL, 201317952074418615ULL},
     {10283381191257209624ULL, 4231947623042413334ULL},
     {{{Op::Replace, "&&!"sv, "&& !"sv}}}, 1},
    {"-- Initial hblas.cabal generated by cabal init.  For further\n"
     "-- documentation, see http://haskell.org/cabal/users-guide/\n"
     "\n"
     "-- The name of the package.\n"
     "name:                hblas\n"
     "\n"
     "-- The package version.  See the Haskell package versioning policy (PVP)\n"
     "-- fo"sv,
     {7010988292906098371ULL, 11591884496857936132ULL},
     {6158672440010710301ULL, 6419743768695725095ULL},
     {{{Op::Replace, "&&!"sv, "&& !"sv}}}, 1},
    {"-- Initial hblas.cabal generated by cabal init.  For further\r\n"
     "-- documentation, see http://haskell.org/cabal/users-guide/\r\n"
     "\r\n"
     "-- The name of the package.\r\n"
     "name:                hblas\r\n"
     "\r\n"
     "-- The package version.  See the Haskell package versioning policy (PVP)"sv,
     {2076850805659055833ULL, 16615160726215879467ULL},
     {10634706281258477722ULL, 5285812379517916984ULL},
     {{{Op::Replace, "&&!"sv, "&& !"sv}}}, 1},
    {"-- Initial hblas.cabal generated by cabal init.  For further\r\n"
     "-- documentation, see http://haskell.org/cabal/users-guide/\r\n"
     "\r\n"
     "-- The name of the package.\r\n"
     "name:                hblas\r\n"
     "\r\n"
     "-- The package version.  See the Haskell package versioning policy (PVP)"sv,
     {11850020631622781099ULL, 11956481969231030830ULL},
     {13702868780337762025ULL, 13383526367149067158ULL},
     {{{Op::Replace, "&&!"sv, "&& !"sv}}}, 1},
    {"-- Initial hblas.cabal generated by cabal init.  For further\n"
     "-- documentation, see http://haskell.org/cabal/users-guide/\n"
     "\n"
     "-- The name of the package.\n"
     "name:                hblas\n"
     "\n"
     "-- The package version.  See the Haskell package versioning policy (PVP)\n"
     "-- fo"sv,
     {13690322768477779172ULL, 19704059263540994ULL},
     {11189374824645442376ULL, 8363528115442591078ULL},
     {{{Op::Replace, "&&!"sv, "&& !"sv}}}, 1},
    // flag used, but not defined
    {"name:                brainheck\n"
     "version:             0.1.0.2\n"
     "synopsis:            Brainh*ck interpreter in haskell\n"
     "description:         Brainh*ck interpreter written in haskell and taking advantage of many prominent libraries\n"
     "homepage:            https://gi"sv,
     {6910727116443152200ULL, 15401634478524888973ULL},
     {16551412117098094368ULL, 16260377389127603629ULL},
     {{{Op::Replace, "flag(llvm-fast)"sv, "False"sv}}}, 1},
    {"name:                brainheck\r\n"
     "version:             0.1.0.2\r\n"
     "x-revision: 1\r\n"
     "synopsis:            Brainh*ck interpreter in haskell\r\n"
     "description:         Brainh*ck interpreter written in haskell and taking advantage of many prominent libraries\r\n"
     "homepage:   "sv,
     {14320987921316832277ULL, 10031098243571536929ULL},
     {7959395602414037224ULL, 13279941216182213050ULL},
     {{{Op::Replace, "flag(llvm-fast)"sv, "False"sv}}}, 1},
    {"name:                brainheck\r\n"
     "version:             0.1.0.2\r\n"
     "x-revision: 2\r\n"
     "synopsis:            Brainh*ck interpreter in haskell\r\n"
     "description:         Brainh*ck interpreter written in haskell and taking advantage of many prominent libraries\r\n"
     "homepage:   "sv,
     {3809078390223299128ULL, 10796026010775813741ULL},
     {1127231189459220796ULL, 12088367524333209349ULL},
     {{{Op::Replace, "flag(llvm-fast)"sv, "False"sv}}}, 1},
    {"name:                brainheck\r\n"
     "version:             0.1.0.2\r\n"
     "x-revision: 3\r\n"
     "synopsis:            Brainh*ck interpreter in haskell\r\n"
     "description:         Brainh*ck interpreter written in haskell and taking advantage of many prominent libraries\r\n"
     "homepage:   "sv,
     {13860013038089410950ULL, 12479824176801390651ULL},
     {4687484721703340391ULL, 8013395164515771785ULL},
     {{{Op::Replace, "flag(llvm-fast)"sv, "False"sv}}}, 1},
    {"name:                wordchoice\n"
     "version:             0.1.0.1\n"
     "synopsis:            Get word counts and distributions\n"
     "description:         A command line tool to compute the word distribution from various types of document, converting to text with pandoc.\n"
     "ho"sv,
     {16215911397419608203ULL, 15594928482155652475ULL},
     {15120681510314491047ULL, 2666192399775157359ULL},
     {{{Op::Replace, "flag(llvm-fast)"sv, "False"sv}}}, 1},
    {"name:                wordchoice\r\n"
     "version:             0.1.0.1\r\n"
     "x-revision: 1\r\n"
     "synopsis:            Get word counts and distributions\r\n"
     "description:         A command line tool to compute the word distribution from various types of document, converting to te"sv,
     {16593139224723441188ULL, 4052919014346212001ULL},
     {3577381082410411593ULL, 11481899387780544641ULL},
     {{{Op::Replace, "flag(llvm-fast)"sv, "False"sv}}}, 1},
    {"name:                wordchoice\n"
     "version:             0.1.0.2\n"
     "synopsis:            Get word counts and distributions\n"
     "description:         A command line tool to compute the word distribution from various types of document, converting to text with pandoc.\n"
     "ho"sv,
     {9321301260802539374ULL, 1316392715016096607ULL},
     {3784628652257760949ULL, 12662640594755291035ULL},
     {{{Op::Replace, "flag(llvm-fast)"sv, "False"sv}}}, 1},
    {"name:                wordchoice\r\n"
     "version:             0.1.0.2\r\n"
     "x-revision: 1\r\n"
     "synopsis:            Get word counts and distributions\r\n"
     "description:         A command line tool to compute the word distribution from various types of document, converting to te"sv,
     {2546901804824433337ULL, 2059732715322561176ULL},
     {8082068680348326500ULL, 615008613291421947ULL},
     {{{Op::Replace, "flag(llvm-fast)"sv, "False"sv}}}, 1},
    {"name:                wordchoice\n"
     "version:             0.1.0.3\n"
     "synopsis:            Get word counts and distributions\n"
     "description:         A command line tool to compute the word distribution from various types of document, converting to text with pandoc.\n"
     "ho"sv,
     {2282380737467965407ULL, 12457554753171662424ULL},
     {17324757216926991616ULL, 17172911843227482125ULL},
     {{{Op::Replace, "flag(llvm-fast)"sv, "False"sv}}}, 1},
    {"name:                wordchoice\r\n"
     "version:             0.1.0.3\r\n"
     "x-revision: 1\r\n"
     "synopsis:            Get word counts and distributions\r\n"
     "description:         A command line tool to compute the word distribution from various types of document, converting to te"sv,
     {12907988890480595481ULL, 11078473638628359710ULL},
     {13246185333368731848ULL, 4663060731847518614ULL},
     {{{Op::Replace, "flag(llvm-fast)"sv, "False"sv}}}, 1},
    {"name:                hw-prim-bits\n"
     "version:             0.1.0.0\n"
     "synopsis:            Primitive support for bit manipulation\n"
     "description:         Please see README.md\n"
     "homepage:            https://github.com/githubuser/hw-prim-bits#readme\n"
     "license:            "sv,
     {12386777729082870356ULL, 17414156731912743711ULL},
     {3452290353395041602ULL, 14102887112483033720ULL},
     {{{Op::Replace, "flag(sse42)"sv, "False"sv}}}, 1},
    {"name:                   hw-prim-bits\n"
     "version:                0.1.0.1\n"
     "synopsis:               Primitive support for bit manipulation\n"
     "description:            Please see README.md\n"
     "homepage:               https://github.com/githubuser/hw-prim-bits#readme\n"
     "licen"sv,
     {6870520675313101180ULL, 14553457351296240636ULL},
     {12481021059537696455ULL, 14711088786769892762ULL},
     {{{Op::Replace, "flag(sse42)"sv, "False"sv}}}, 1},
    // leading zeros in version digits
    // https://github.com/haskell-infra/hackage-trustees/issues/128
    // https://github.com/haskell/cabal/issues/5092
    // https://github.com/haskell/cabal/issues/5138
    {"name:            Sit\n"
     "version:         0.2017.02.26\n"
     "build-type:      Simple\n"
     "cabal-version:   >= 1.8\n"
     "license:         OtherLicense\n"
     "license-file:    LICENSE\n"
     "author:          Anonymous\n"
     "maintainer:      Anonymous\n"
     "homepage:        NONE\n"
     "category:        Dependent"sv,
     {8458530898096910998ULL, 3228538743646501413ULL},
     {14470502514907936793ULL, 17514354054641875371ULL},
     {{{Op::Replace, "0.2017.02.26"sv, "0.2017.2.26"sv}}}, 1},
    {"name:            Sit\n"
     "version:         0.2017.05.01\n"
     "build-type:      Simple\n"
     "cabal-version:   >= 1.8\n"
     "license:         OtherLicense\n"
     "license-file:    LICENSE\n"
     "author:          Andreas Abel <andreas.abel@gu.se>\n"
     "maintainer:      Andreas Abel <andreas.abel@gu.se>\n"sv,
     {1450130849535097473ULL, 11742099607098860444ULL},
     {16679762943850814021ULL, 4253724355613883542ULL},
     {{{Op::Replace, "0.2017.05.01"sv, "0.2017.5.1"sv}}}, 1},
    {"name:            Sit\n"
     "version:         0.2017.05.02\n"
     "build-type:      Simple\n"
     "cabal-version:   >= 1.8\n"
     "license:         OtherLicense\n"
     "license-file:    LICENSE\n"
     "author:          Andreas Abel <andreas.abel@gu.se>\n"
     "maintainer:      Andreas Abel <andreas.abel@gu.se>\n"sv,
     {297248532398492441ULL, 17322625167861324800ULL},
     {634812045126693280ULL, 1755581866539318862ULL},
     {{{Op::Replace, "0.2017.05.02"sv, "0.2017.5.2"sv}}}, 1},
    {"name:            Sit\n"
     "version:         0.2017.5.02\n"
     "x-revision: 1\n"
     "-- x-revision:1 see https://github.com/haskell-infra/hackage-trustees/issues/128\n"
     "build-type:      Simple\n"
     "cabal-version:   >= 1.8\n"
     "license:         OtherLicense\n"
     "license-file:    LICENSE\n"
     "author: "sv,
     {3697869560530373941ULL, 3942982281026987312ULL},
     {14344526114710295386ULL, 16386400353475114712ULL},
     {{{Op::Replace, "0.2017.5.02"sv, "0.2017.5.2"sv}}}, 1},
    {"name:            MiniAgda\n"
     "version:         0.2017.02.18\n"
     "build-type:      Simple\n"
     "cabal-version:   >= 1.22\n"
     "license:         OtherLicense\n"
     "license-file:    LICENSE\n"
     "author:          Andreas Abel and Karl Mehltretter\n"
     "maintainer:      Andreas Abel <andreas.abel@i"sv,
     {17167128953451088679ULL, 4300350537748753465ULL},
     {12402236925293025673ULL, 7715084875284020606ULL},
     {{{Op::Replace, "0.2017.02.18"sv, "0.2017.2.18"sv}}}, 1},
    {"cabal-version:\n"
     "  2.0\n"
     "name:\n"
     "  fast-downward\n"
     "version:\n"
     "  0.1.0.0\n"
     "build-type:\n"
     "  Simple\n"
     "synopsis:\n"
     "  Solve classical planning problems (STRIPS/SAS+) using Haskell & Fast Downward.\n"
     "description:\n"
     "  @fast-downward@ is a library for modelling classical planning probl"sv,
     {11256076039027887363ULL, 6867903407496243216ULL},
     {12159816716813155434ULL, 5278015399212299853ULL},
     {{{Op::Replace, "1.2.03.0"sv, "1.2.3.0"sv}}}, 1},
    {"cabal-version:\r\n"
     "  2.0\r\n"
     "name:\r\n"
     "  fast-downward\r\n"
     "version:\r\n"
     "  0.1.0.0\r\n"
     "x-revision: \r\n"
     "  1\r\n"
     "build-type:\r\n"
     "  Simple\r\n"
     "synopsis:\r\n"
     "  Solve classical planning problems (STRIPS/SAS+) using Haskell & Fast Downward.\r\n"
     "description:\r\n"
     "  @fast-downward@ is a library for mode"sv,
     {9216193973149680231ULL, 893446343655828508ULL},
     {10020169545407746427ULL, 1828336750379510675ULL},
     {{{Op::Replace, "1.2.03.0"sv, "1.2.3.0"sv}}}, 1},
    {"cabal-version:\n"
     "  2.0\n"
     "name:\n"
     "  fast-downward\n"
     "version:\n"
     "  0.1.0.1\n"
     "build-type:\n"
     "  Simple\n"
     "synopsis:\n"
     "  Solve classical planning problems (STRIPS/SAS+) using Haskell & Fast Downward.\n"
     "description:\n"
     "  @fast-downward@ is a library for modelling classical planning probl"sv,
     {9899886602574848632ULL, 5980433644983783334ULL},
     {12007469255857289958ULL, 8321466548645225439ULL},
     {{{Op::Replace, "1.2.03.0"sv, "1.2.3.0"sv}}}, 1},
    {"cabal-version:\n"
     "  2.0\n"
     "name:\n"
     "  fast-downward\n"
     "version:\n"
     "  0.1.1.0\n"
     "build-type:\n"
     "  Simple\n"
     "synopsis:\n"
     "  Solve classical planning problems (STRIPS/SAS+) using Haskell & Fast Downward.\n"
     "description:\n"
     "  @fast-downward@ is a library for modelling classical planning probl"sv,
     {12694656661460787751ULL, 1902242956706735615ULL},
     {15433152131513403849ULL, 2284712791516353264ULL},
     {{{Op::Replace, "1.2.03.0"sv, "1.2.3.0"sv}}}, 1},
    // 9 digits limit
    {"Name:                SGplus\n"
     "Version:             1.1\n"
     "Synopsis:            (updated) Small geometry library for dealing with vectors and collision detection\n"
     "License:             BSD3\n"
     "License-file:        LICENSE\n"
     "Author:              Neil Brown\n"
     "Maintainer:  "sv,
     {17735649550442248029ULL, 11493772714725351354ULL},
     {9565458801063261772ULL, 15955773698774721052ULL},
     {{{Op::Replace, "1000000000"sv, "100000000"sv}}}, 1},
    {"-- Initial control-dotdotdot.cabal generated by cabal init.  For further \n"
     "-- documentation, see http://haskell.org/cabal/users-guide/\n"
     "\n"
     "name:                control-dotdotdot\n"
     "version:             0.1.0.1\n"
     "synopsis:            Haskell operator\n"
     "               "sv,
     {1514257173776509942ULL, 7756050823377346485ULL},
     {14082092642045505999ULL, 18415918653404121035ULL},
     {{{Op::Replace, "9223372036854775807"sv, "5"sv}}}, 1},
    {"name:                data-foldapp\r\n"
     "version:             0.1.1.0\r\n"
     "synopsis:            Fold function applications. Framework for variadic functions.\r\n"
     "description:         Fold function applications. Framework for variadic functions.\r\n"
     "homepage:            ht"sv,
     {4511234156311243251ULL, 11701153011544112556ULL},
     {11820542702491924189ULL, 4902231447612406724ULL},
     {{{Op::Replace, "9223372036854775807"sv, "999"sv},
       {Op::Replace, "9223372036854775807"sv, "999"sv}}},
     2},
    {"-- Initial data-list-zigzag.cabal generated by cabal init.  For further \r\n"
     "-- documentation, see http://haskell.org/cabal/users-guide/\r\n"
     "\r\n"
     "name:                data-list-zigzag\r\n"
     "version:             0.1.1.1\r\n"
     "synopsis:            A list but with a balanced en"sv,
     {12475837388692175691ULL, 18053834261188158945ULL},
     {16279938253437334942ULL, 15753349540193002309ULL},
     {{{Op::Replace, "9223372036854775807"sv, "999"sv}}}, 1},
    // Not UTF8
    {"Name:                     nat\n"
     "Version:                  0.1\n"
     "Description:            Implementation of natural numbers and integers by a binary\n"
     "                                representation. The implementation is supposed to be lazy and\n"
     "                   "sv,
     {9222512268705577108ULL, 13085311382746579495ULL},
     {17468921266614378430ULL, 13221316288008291892ULL},
     {{{Op::Replace, "\366"sv, "\303\266"sv}}}, 1},
    // cabal-version: 2
    {"name:                streaming-bracketed\n"
     "version:             0.1.0.0\n"
     "synopsis:            A resource management decorator for \"streaming\".        \n"
     "description:         This package provides a decorator for the Stream type from\n"
     "                     the \"st"sv,
     {14670044663153191927ULL, 1427497586294143829ULL},
     {9233007756654759985ULL, 6571998449003682006ULL},
     {{{Op::Replace, "cabal-version:       2"sv, "cabal-version: 2.0"sv}}}, 1},
    {"name:                streaming-bracketed\n"
     "version:             0.1.0.1\n"
     "synopsis:            A resource management decorator for \"streaming\".        \n"
     "description:         This package provides a decorator for the Stream type from\n"
     "                     \"stream"sv,
     {7298738862909203815ULL, 10141693276062967842ULL},
     {1349949738792220441ULL, 3593683359695349293ULL},
     {{{Op::Replace, "cabal-version:       2"sv, "cabal-version: 2.0"sv}}}, 1},
    {"name:           zsyntax\n"
     "version:        0.2.0.0\n"
     "description:    An automated theorem prover for Zsyntax, a\n"
     "                logical calculus for molecular biology inspired by linear logic,\n"
     "                that can be used to automatically verify biological\n"sv,
     {17812331267506881875ULL, 3005293725141563863ULL},
     {3445957263137759540ULL, 12472369104312474458ULL},
     {{{Op::Replace, "cabal-version:  2"sv, "cabal-version: 2.0"sv}}}, 1},
    // Empty filepath in not license-file or data-dir
    // These have hs-source-dirs: ""
    {"\n"
     "name:                wai-middleware-hmac-client\n"
     "version:             0.1.0.1\n"
     "license:             BSD3\n"
     "license-file:        LICENSE\n"
     "author:              Christopher Reichert\n"
     "maintainer:          creichert07@gmail.com\n"
     "copyright:           (c) 2015, Christo"sv,
     {3112606538775065787ULL, 11984607507024462091ULL},
     {6916432989977230500ULL, 6621389616675138128ULL},
     {{{Op::Replace, "\"\""sv, "."sv}}}, 1},
    {"\n"
     "name:                wai-middleware-hmac-client\n"
     "version:             0.1.0.2\n"
     "license:             BSD3\n"
     "license-file:        LICENSE\n"
     "author:              Christopher Reichert\n"
     "maintainer:          creichert07@gmail.com\n"
     "copyright:           (c) 2015, Christo"sv,
     {12566783342663020458ULL, 17562089389615949789ULL},
     {15745683452603944938ULL, 10556498036622072844ULL},
     {{{Op::Replace, "\"\""sv, "."sv}}}, 1},
    // absolute license-file
    {"name: reheat\n"
     "version: 0.1.4\n"
     "cabal-version: >=1.8\n"
     "build-type: Simple\n"
     "license: GPL\n"
     "license-file: /home/palo/dev/haskell-workspace/playground/reheat/gpl-3.0.txt\n"
     "copyright: GPL\n"
     "maintainer: Ingolf Wagner <palipalo9@gmail.com>\n"
     "stability: experimental\n"
     "homepage: h"sv,
     {9155400339287317061ULL, 14812953666990892802ULL},
     {7687053346032173923ULL, 15384472501136606592ULL},
     {{{Op::Replace, "/home/palo/dev/haskell-workspace/playground/reheat/gpl-3.0.txt"sv, ""sv}}}, 1},
    {"name: reheat\n"
     "version: 0.1.5\n"
     "cabal-version: >=1.8\n"
     "build-type: Simple\n"
     "license: GPL\n"
     "license-file: /home/palo/dev/haskell-workspace/playground/reheat/gpl-3.0.txt\n"
     "copyright: GPL\n"
     "maintainer: Ingolf Wagner <palipalo9@gmail.com>\n"
     "stability: experimental\n"
     "homepage: h"sv,
     {2984391146441073709ULL, 11728234882049907993ULL},
     {12058479081855347701ULL, 14017937756688869826ULL},
     {{{Op::Replace, "/home/palo/dev/haskell-workspace/playground/reheat/gpl-3.0.txt"sv, ""sv}}}, 1},
};
// clang-format on

constexpr bool prefixes_are_full() {
  for (const Quirk& q : kQuirks)
    if (q.prefix.size() != kPrefixLen) return false;
  return true;
}
static_assert(prefixes_are_full(), "Cabal compares exactly the first 256 bytes");

constexpr std::size_t kNumQuirks = std::size(kQuirks);
static_assert(kNumQuirks < 256, "index type below is one byte");

// Entry indices sorted by prefix, so a lookup is a binary search over
// string_views: no hashing of the input, no allocation. Several entries share
// a prefix (e.g. hblas revisions) and differ only in their pre-fingerprint.
const std::array<std::uint8_t, kNumQuirks>& sorted_index() {
  static const std::array<std::uint8_t, kNumQuirks> idx = [] {
    std::array<std::uint8_t, kNumQuirks> a{};
    for (std::size_t i = 0; i < kNumQuirks; ++i) a[i] = static_cast<std::uint8_t>(i);
    std::stable_sort(a.begin(), a.end(), [](std::uint8_t x, std::uint8_t y) {
      return kQuirks[x].prefix < kQuirks[y].prefix;
    });
    return a;
  }();
  return idx;
}

// equal_range compares both ways round: entry index vs. input prefix.
struct ByPrefix {
  bool operator()(std::uint8_t a, std::string_view b) const { return kQuirks[a].prefix < b; }
  bool operator()(std::string_view a, std::uint8_t b) const { return a < kQuirks[b].prefix; }
};

void apply(const Op& op, std::string& s) {
  std::size_t at = s.find(op.needle);
  if (at == std::string::npos) return;
  switch (op.kind) {
    case Op::Remove: s.erase(at, op.needle.size()); break;
    case Op::Replace: s.replace(at, op.needle.size(), op.replacement); break;
    case Op::RemoveStarting: s.resize(at); break;
  }
}

}  // namespace

bool patch_quirks(std::string_view input, std::string& patched_out) {
  if (input.size() < kPrefixLen) return false;
  const std::string_view prefix = input.substr(0, kPrefixLen);
  const auto& idx = sorted_index();
  auto [lo, hi] = std::equal_range(idx.begin(), idx.end(), prefix, ByPrefix{});
  if (lo == hi) return false;

  // Only now is the whole-file MD5 worth computing.
  const Md5Fingerprint fp = md5_fingerprint(input);
  for (auto it = lo; it != hi; ++it) {
    const Quirk& q = kQuirks[*it];
    if (q.pre != fp) continue;
    std::string out(input);
    for (std::size_t i = 0; i < q.n_ops; ++i) apply(q.ops[i], out);
    // Cabal keeps the original when the patch did not produce the exact
    // expected bytes.
    if (md5_fingerprint(out) != q.post) return false;
    patched_out = std::move(out);
    return true;
  }
  return false;
}

QuirkResult patch_quirks(std::string_view input) {
  QuirkResult r;
  r.patched = patch_quirks(input, r.text);
  return r;
}

}  // namespace mhu::cabal
