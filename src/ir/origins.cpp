#include "ir/origins.hpp"
#include "support/varint.hpp"

#include <algorithm>

namespace sinew::ir {

namespace {

void append_string(std::string& out, std::string_view s) {
  append_varint(out, s.size());
  out.append(s);
}

void append_strings(std::string& out, const std::vector<std::string>& strings) {
  append_varint(out, strings.size());
  for (const std::string& s : strings) append_string(out, s);
}

// Reads an encoding that was written by `add` or checked by the loader; it still never
// reads past the store.
class Cursor {
 public:
  Cursor(std::string_view store, std::uint64_t offset)
      : at_(store.data() + std::min<std::uint64_t>(offset, store.size())),
        end_(store.data() + store.size()) {}

  std::uint64_t number() { return read_varint(at_, end_); }
  std::string_view string() {
    std::uint64_t n = std::min<std::uint64_t>(number(), static_cast<std::uint64_t>(end_ - at_));
    std::string_view s(at_, n);
    at_ += n;
    return s;
  }
  void skip_strings() {
    for (std::uint64_t n = number(); n > 0 && at_ != end_; --n) string();
  }
  const char* at() const { return at_; }

 private:
  const char* at_;
  const char* end_;
};

// The fields of one encoding that are not remarks, and where it ends.
struct Decoded {
  std::uint64_t file = 0;
  std::uint32_t line = 0, column = 0;
  std::string_view text;
  const char* begin = nullptr;
  const char* end = nullptr;
};

Decoded decode(std::string_view store, std::uint64_t offset) {
  Decoded out;
  Cursor in(store, offset);
  out.begin = in.at();
  in.string();  // the name (the remarks are also kept decoded)
  out.file = in.number();
  out.line = static_cast<std::uint32_t>(in.number());
  out.column = static_cast<std::uint32_t>(in.number());
  for (std::uint64_t n = in.number(); n > 0; --n) {
    in.number();
    in.string();
  }
  in.skip_strings();
  in.skip_strings();
  out.text = in.string();
  out.end = in.at();
  return out;
}

}  // namespace

OriginId Origins::add(const Origin& origin) {
  auto id = static_cast<OriginId>(offsets_.size());
  offsets_.push_back(store_.size());
  const Remarks& r = origin.remarks;
  append_string(store_, r.rule_name);
  append_varint(store_, add_file(origin.file));
  append_varint(store_, origin.line);
  append_varint(store_, origin.column);
  append_varint(store_, r.citations.size());
  for (const Citation& citation : r.citations) {
    append_varint(store_, citation.source == 0xffffffffu ? 0 : std::uint64_t{citation.source} + 1);
    append_string(store_, citation.quote);
  }
  append_strings(store_, r.notes);
  append_strings(store_, r.assumptions);
  append_string(store_, origin.text);
  if (origin.span.valid()) set_span(id, origin.span);
  if (!r.empty()) {
    with_remarks_.push_back(id);
    remarks_.push_back(r);
  }
  return id;
}

Origins Origins::adopt(std::string store, std::vector<std::uint64_t> offsets,
                       std::vector<std::string> files, std::vector<OriginId> with_remarks,
                       std::vector<Remarks> remarks) {
  Origins out;
  out.store_ = std::move(store);
  out.offsets_ = std::move(offsets);
  out.files_ = std::move(files);
  out.with_remarks_ = std::move(with_remarks);
  out.remarks_ = std::move(remarks);
  return out;
}

std::uint32_t Origins::add_file(std::string_view name) {
  // Statements arrive file by file, so the file of the last one is the likely match.
  if (!files_.empty() && files_.back() == name)
    return static_cast<std::uint32_t>(files_.size() - 1);
  for (std::size_t i = 0; i < files_.size(); ++i) {
    if (files_[i] == name) return static_cast<std::uint32_t>(i);
  }
  files_.emplace_back(name);
  return static_cast<std::uint32_t>(files_.size() - 1);
}

void Origins::set_span(OriginId id, Span span) {
  if (spans_.size() <= id) spans_.resize(id + 1);
  spans_[id] = span;
}

OriginView Origins::operator[](OriginId id) const {
  Decoded decoded = decode(store_, offsets_[id]);
  OriginView view;
  if (decoded.file < files_.size()) view.file = files_[decoded.file];
  view.line = decoded.line;
  view.column = decoded.column;
  view.text = decoded.text;
  if (id < spans_.size()) view.span = spans_[id];
  auto with = std::lower_bound(with_remarks_.begin(), with_remarks_.end(), id);
  if (with != with_remarks_.end() && *with == id) {
    const Remarks& remarks = remarks_[static_cast<std::size_t>(with - with_remarks_.begin())];
    view.rule_name = remarks.rule_name;
    view.citations = remarks.citations;
    view.notes = remarks.notes;
    view.assumptions = remarks.assumptions;
  }
  return view;
}

std::string_view Origins::encoded(OriginId id) const {
  Decoded decoded = decode(store_, offsets_[id]);
  return std::string_view(decoded.begin, static_cast<std::size_t>(decoded.end - decoded.begin));
}

}  // namespace sinew::ir
