// Compiled files as a whole: encode, decode and verify, and atomic writes.
#include "format/compiled.hpp"

#include "format/codec.hpp"
#include "format/container.hpp"
#include "format/validate.hpp"

#include "ir/plan.hpp"
#include "support/catalog.hpp"
#include "support/source_map.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace sinew::format {

std::string compiler_version() { return "sinew " SINEW_VERSION; }

bool has_magic(std::string_view bytes) {
  return bytes.size() >= magic.size() &&
         std::equal(magic.begin(), magic.end(), bytes.begin(),
                    [](unsigned char m, char b) { return m == static_cast<unsigned char>(b); });
}

std::string encode(const ir::Program& program, const Metadata& metadata, const Derived* derived) {
  bool planned = std::all_of(program.rules.begin(), program.rules.end(),
                             [](const ir::Rule& rule) { return !rule.plans.empty(); });
  std::optional<ir::Program> copy;
  if (!planned) {
    copy = program;
    ir::plan(*copy);
  }
  const ir::Program& written = copy ? *copy : program;
  bool ranged = std::any_of(written.relations.begin(), written.relations.end(), has_column_ranges);
  return assemble(derived ? feature_derived : 0, write_sections(written, metadata, derived),
                  ranged ? feature_column_ranges : 0);
}

namespace {

// `owner`, when given, holds `bytes`, and the program may keep them (see read_sections).
Result<Compiled> decode(std::string_view bytes, std::string* owner) {
  auto container = open_container(bytes);
  if (!container) return container.error();
  Compiled compiled;
  if (auto read = read_sections(*container, compiled, owner); !read) return read.error();
  bool ranged = std::any_of(compiled.program.relations.begin(), compiled.program.relations.end(),
                            has_column_ranges);
  if (ranged != ((container->required_features & feature_column_ranges) != 0)) {
    return Error{"it is damaged: the header and the relations disagree on column ranges"};
  }
  if (auto valid = validate(compiled); !valid) return valid.error();
  return compiled;
}

}  // namespace

Result<Compiled> decode(std::string_view bytes) { return decode(bytes, nullptr); }

Result<Compiled> read_file(const std::string& path, const ReadOptions& options) {
  auto bytes = sinew::read_file(path, options.max_bytes);
  if (!bytes) return bytes.error();
  auto compiled = decode(*bytes, &*bytes);
  if (!compiled) {
    return Error{fmt::format("`{}` cannot be loaded: {}", path, compiled.error().message),
                 codes::compiled_file_unusable.id};
  }
  return compiled;
}

Result<ir::Program> read(const std::string& path, const ReadOptions& options) {
  auto compiled = read_file(path, options);
  if (!compiled) return compiled.error();
  return std::move(compiled->program);
}

namespace {

Error system_error(const std::string& what, const std::string& path) {
  return Error{fmt::format("cannot {} `{}`: {}", what, path, std::strerror(errno)),
               codes::cannot_write.id};
}

}  // namespace

Result<void> write_atomically(const std::string& path, std::string_view bytes) {
  std::filesystem::path target(path);
  std::filesystem::path folder = target.parent_path();
  if (folder.empty()) folder = ".";
  std::string temporary = (folder / ("." + target.filename().string() + ".tmp-XXXXXX")).string();
  int fd = ::mkstemp(temporary.data());
  if (fd < 0) return system_error("write a file in the folder of", path);
  auto give_up = [&](const std::string& what) {
    Error error = system_error(what, path);
    ::close(fd);
    ::unlink(temporary.c_str());
    return error;
  };
  std::size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return give_up("write");
    done += static_cast<std::size_t>(n);
  }
  if (::fchmod(fd, 0644) != 0) return give_up("set the permissions of");
  if (::fsync(fd) != 0) return give_up("flush to the disk");
  if (::close(fd) != 0) {
    Error error = system_error("write", path);
    ::unlink(temporary.c_str());
    return error;
  }
  if (::rename(temporary.c_str(), path.c_str()) != 0) {
    Error error = system_error("replace", path);
    ::unlink(temporary.c_str());
    return error;
  }
  // The rename itself reaches the disk when the folder is flushed.
  int dir = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
  return {};
}

}  // namespace sinew::format
