// The field grammar: which fields each kind of block accepts, from which spec
// version, and how their values are read into the model (Cabal-syntax's
// FieldGrammar and PackageDescription.FieldGrammar).
#pragma once

#include <string_view>
#include <vector>

#include "cabal/diagnostic.h"
#include "cabal/fields.h"
#include "cabal/package_description.h"

namespace mhu::cabal {

// The fields of one block grouped by name (Cabal's `Fields`): sorted by name,
// each name with its occurrences in file order.
struct FieldGroup {
  std::string_view name;
  std::vector<const Field*> occurrences;
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
