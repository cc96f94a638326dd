// A refused value written back for its message (refused_value.hpp): separators between
// items and after keys, and the cut at `shown_limit` characters.

#include "refused_value.hpp"

namespace sinew::cases {

bool RefusedValue::begin(std::string_view text, bool opens) {
  append(text);
  if (!opens) return true;
  firsts_.assign(1, true);
  return false;
}

void RefusedValue::open(std::string_view bracket) {
  separate();
  append(bracket);
  firsts_.push_back(true);
}

bool RefusedValue::close(std::string_view bracket) {
  append(bracket);
  firsts_.pop_back();
  return firsts_.empty();
}

void RefusedValue::key(std::string_view quoted) {
  separate();
  append(quoted);
  append(": ");
  after_key_ = true;
}

void RefusedValue::scalar(std::string_view text) {
  separate();
  append(text);
}

void RefusedValue::separate() {
  if (after_key_) {
    after_key_ = false;
  } else if (!firsts_.empty()) {
    if (!firsts_.back()) append(", ");
    firsts_.back() = false;
  }
}

void RefusedValue::append(std::string_view text) {
  if (truncated_) return;
  if (captured_.size() + text.size() <= shown_limit) {
    captured_ += text;
    return;
  }
  std::size_t cut = shown_limit - captured_.size();
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // whole UTF-8
  captured_ += text.substr(0, cut);
  truncated_ = true;
}

}  // namespace sinew::cases
