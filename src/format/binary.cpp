#include "format/binary.hpp"

namespace sinew::format {

void Reader::fail(std::string_view what, std::string_view more) {
  if (error_.empty()) {
    error_ = std::string(what) + std::string(more) + " (in the " + std::string(section_) +
             " section)";
  }
  data_ = end_;
}

}  // namespace sinew::format
