// The field grammar: which fields each kind of block accepts, from which spec
// version, and how their values are read into the model (Cabal-syntax's
// FieldGrammar and PackageDescription.FieldGrammar).
#pragma once

#include <initializer_list>
#include <string_view>
#include <vector>

#include "cabal/diagnostic.h"
#include "cabal/fields.h"
#include "cabal/package_description.h"

namespace mhu::cabal {

// The occurrences of one field name in a block, in file order: a small
// vector (most names occur once; up to two are kept without allocating).
class FieldRefs {
 public:
  FieldRefs() = default;
  FieldRefs(std::initializer_list<const Field*> fs) {
    for (const Field* f : fs) push_back(f);
  }
  void push_back(const Field* f) {
    if (n_ < kInline) {
      inline_[n_++] = f;
      return;
    }
    if (n_ == kInline) heap_.assign(inline_, inline_ + kInline);
    heap_.push_back(f);
    ++n_;
  }
  size_t size() const { return n_; }
  bool empty() const { return n_ == 0; }
  const Field* const* begin() const { return n_ <= kInline ? inline_ : heap_.data(); }
  const Field* const* end() const { return begin() + n_; }
  const Field* operator[](size_t i) const { return begin()[i]; }
  const Field* front() const { return begin()[0]; }
  const Field* back() const { return begin()[n_ - 1]; }

 private:
  static constexpr size_t kInline = 2;
  const Field* inline_[kInline] = {};
  size_t n_ = 0;
  std::vector<const Field*> heap_;  // all of them, once there are more than kInline
};

// The fields of one block grouped by name (Cabal's `Fields`): sorted by name,
// each name with its occurrences in file order.
struct FieldGroup {
  std::string_view name;
  FieldRefs occurrences;
};
using FieldMap = std::vector<FieldGroup>;
FieldMap group_fields(const std::vector<const Field*>& fields);
const FieldGroup* find_field(const FieldMap& map, std::string_view name);

// The position in the file of byte `offset` of a field's joined value.
Position value_position(const Field& f, size_t offset);

// The kinds of block whose fields are build information (a common stanza has
// nothing else; a sub-library also has `visibility`).
enum class BlockKind { Common, MainLibrary, SubLibrary, ForeignLibrary, Executable, TestSuite, Benchmark };
BlockKind block_kind(ComponentKind kind, bool sub_library);

// Read the fields of one condition-tree node. Errors and warnings go to diags;
// returns false on an error.
bool parse_component_fields(BlockKind block, const FieldMap& fields, CabalSpec spec,
                            ComponentData& out, Diagnostics& diags);

// The top-level package fields. cabal-version is read again here (as Cabal's
// grammar does, with its warnings) into out.spec, V1_0 when absent; the
// caller, which read it first to choose `spec`, checks the two agree.
bool parse_package_fields(const FieldMap& fields, CabalSpec spec, GenericPackageDescription& out,
                          Diagnostics& diags);

bool parse_flag_fields(const FieldMap& fields, CabalSpec spec, PackageFlag& out, Diagnostics& diags);
bool parse_source_repo_fields(const FieldMap& fields, CabalSpec spec, SourceRepo& out,
                              Diagnostics& diags);
bool parse_custom_setup_fields(const FieldMap& fields, CabalSpec spec,
                               std::vector<Dependency>& setup_depends, Diagnostics& diags);

// Names of the fields a main library accepts (for old-style files, whose
// library fields are gathered into a library section).
bool is_library_field(std::string_view name);

}  // namespace mhu::cabal
