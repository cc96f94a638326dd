// `sinew fmt`: the layout decisions (Formatter) over a writer that puts the author's
// comments back between the words (Writer).
#include "syntax/formatter.hpp"
#include "support/quoting.hpp"
#include "syntax/comments.hpp"
#include "syntax/printer.hpp"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace sinew::syntax {

namespace {

// Characters (UTF-8 code points), which is what an author sees as width.
std::size_t width_of(std::string_view text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

std::string_view without_trailing_blanks(std::string_view text) {
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) {
    text.remove_suffix(1);
  }
  return text;
}

bool is_blank(std::string_view text) {
  return text.find_first_not_of(" \t\r") == std::string_view::npos;
}

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// Where the line that starts at `start` of printed text ends: at a line end outside
// strings (a `"""` string may hold line ends).
std::size_t line_end(std::string_view text, std::size_t start) {
  for (std::size_t i = start; i < text.size(); ++i) {
    if (text[i] == '\n') return i;
    if (text.substr(i, 3) == "\"\"\"") {
      std::size_t close = text.find("\"\"\"", i + 3);
      if (close == std::string_view::npos) return text.size();
      i = close + 2;
    } else if (text[i] == '"') {
      // A short string ends at a `"` that no name character follows (grammar/rules.hpp).
      for (++i; i < text.size(); ++i) {
        if (text[i] == '\\') {
          ++i;
        } else if (text[i] == '"' && (i + 1 == text.size() || !is_name_char(text[i + 1]))) {
          break;
        }
      }
    }
  }
  return text.size();
}

// Whether the rest of a line holds nothing but blanks and comments.
bool only_comments(std::string_view rest) {
  while (true) {
    std::size_t start = rest.find_first_not_of(" \t\r");
    if (start == std::string_view::npos || rest.substr(start, 2) == "//") return true;
    if (rest.substr(start, 2) != "/*") return false;
    std::size_t close = rest.find("*/", start + 2);
    if (close == std::string_view::npos) return true;
    rest.remove_prefix(close + 2);
  }
}

// Builds the output line by line. A line break is asked for before the next word and
// made only when that word comes, so that a comment found in between can still go at
// the end of the line before.
class Writer {
 public:
  explicit Writer(std::string_view source) : source_(source), comments_(find_comments(source)) {}

  // The next word starts a new line, `indent` spaces in.
  void new_line(std::size_t indent) {
    if (!out_.empty()) pending_ = std::max<std::size_t>(pending_, 1);
    indent_ = indent;
  }
  // Where a line goes on when a comment inside a statement breaks it.
  void continue_at(std::size_t indent) { continuation_ = indent; }

  // `text`, after the comments that stand before `at` in the source.
  void word(std::string_view text, std::uint32_t at) {
    comments_before(at, false);
    put(text);
  }
  // `text` with no comment before it: punctuation.
  void put(std::string_view text) {
    open_line();
    out_ += text;
  }
  void comments_before(std::uint32_t at, bool top_level) {
    while (next_ < comments_.size() && comments_[next_].begin < at) {
      emit(comments_[next_++], top_level);
    }
  }

  // The column the next word starts at.
  std::size_t column() const { return pending_ > 0 || out_.empty() ? indent_ : width_of(line()); }

  // A statement starts at `at`: first the comments before it, and a blank line where
  // the source has one or more.
  void begin_statement(std::uint32_t at) {
    comments_before(at, true);
    new_line(0);
    continuation_ = 0;
    if (!out_.empty() && blank_line_between(last_end_, at)) pending_ = 2;
  }
  void end_statement(std::uint32_t end) { last_end_ = std::max(last_end_, end); }

  // Where `word` next stands in the source between `from` and `to`, outside comments;
  // `to` when it is not there.
  std::uint32_t find_word(std::string_view word, std::uint32_t from, std::uint32_t to) const {
    std::size_t at = from;
    while ((at = source_.find(word, at)) != std::string_view::npos && at < to) {
      bool in_comment = std::any_of(comments_.begin(), comments_.end(),
                                    [&](const Comment& c) { return c.begin <= at && at < c.end; });
      if (!in_comment) return static_cast<std::uint32_t>(at);
      ++at;
    }
    return to;
  }

  bool comment_within(Span span) const {
    for (std::size_t i = next_; i < comments_.size() && comments_[i].begin < span.end; ++i) {
      if (comments_[i].begin >= span.begin) return true;
    }
    return false;
  }

  std::string finish() {
    comments_before(static_cast<std::uint32_t>(source_.size()) + 1, true);
    drop_trailing_blanks();
    if (!out_.empty()) out_ += '\n';
    return std::move(out_);
  }

 private:
  std::string_view line() const {
    std::size_t start = out_.rfind('\n');
    return std::string_view(out_).substr(start == std::string::npos ? 0 : start + 1);
  }

  void drop_trailing_blanks() {
    while (!out_.empty() && (out_.back() == ' ' || out_.back() == '\t')) out_.pop_back();
  }

  void open_line() {
    if (pending_ == 0) return;
    drop_trailing_blanks();
    out_.append(pending_, '\n');
    out_.append(indent_, ' ');
    pending_ = 0;
    line_ends_in_comment_ = false;
  }

  bool blank_line_between(std::uint32_t from, std::uint32_t to) const {
    if (from >= to) return false;
    std::string_view gap = source_.substr(from, to - from);
    return std::count(gap.begin(), gap.end(), '\n') >= 2;
  }

  void emit(const Comment& comment, bool top_level) {
    std::string_view text = source_.substr(comment.begin, comment.end - comment.begin);
    if (comment.line) text = without_trailing_blanks(text);
    std::size_t line_start = source_.rfind('\n', comment.begin == 0 ? 0 : comment.begin - 1);
    line_start = comment.begin == 0 || line_start == std::string_view::npos ? 0 : line_start + 1;
    std::string_view before = source_.substr(line_start, comment.begin - line_start);
    std::size_t line_end = source_.find('\n', comment.end);
    std::string_view after = source_.substr(
        comment.end,
        (line_end == std::string_view::npos ? source_.size() : line_end) - comment.end);
    bool code_after = !comment.line && !only_comments(after);

    bool after_code = !is_blank(before) && !out_.empty() && !line_ends_in_comment_;
    if (after_code && code_after && pending_ == 0 && !top_level) {
      // Between two words of a line: it stays there.
      drop_trailing_blanks();
      out_ += ' ';
      out_ += text;
      out_ += ' ';
    } else if (after_code && !code_after) {
      // After code: at the end of the line written last, at its column while the code
      // before it is unchanged.
      drop_trailing_blanks();
      std::size_t column = width_of(line()) + 2;
      if (line() == without_trailing_blanks(before)) column = width_of(before);
      out_.append(column - width_of(line()), ' ');
      out_ += text;
      line_ends_in_comment_ = comment.line;
      if (pending_ == 0) {
        pending_ = 1;
        indent_ = continuation_;
      }
    } else {
      // On a line of its own.
      std::size_t resume = pending_ > 0 ? indent_ : continuation_;
      if (!out_.empty()) {
        pending_ = std::max<std::size_t>(pending_, 1);
        if (top_level && blank_line_between(last_end_, comment.begin)) pending_ = 2;
      }
      indent_ = top_level ? 0 : resume;
      open_line();
      out_ += text;
      pending_ = 1;
      line_ends_in_comment_ = comment.line;
      indent_ = resume;
    }
    last_end_ = std::max(last_end_, comment.end);
  }

  std::string_view source_;
  std::vector<Comment> comments_;
  std::size_t next_ = 0;  // the first comment not yet written
  std::string out_;
  std::size_t pending_ = 0;  // line ends due before the next word (2: a blank line)
  std::size_t indent_ = 0;   // of the line due
  std::size_t continuation_ = 0;
  std::uint32_t last_end_ = 0;         // the end of the last statement or comment written
  bool line_ends_in_comment_ = false;  // nothing may follow on the line written last
};

class Formatter {
 public:
  explicit Formatter(std::string_view source) : source_(source), writer_(source) {}

  std::string run(const ast::Module& module) {
    for (const ast::Statement& statement : module.statements) {
      writer_.begin_statement(statement.span.begin);
      std::visit([&](const auto& node) { layout(node, statement); }, statement.node);
      std::uint32_t end = statement.span.end;
      for (const auto& annotation : statement.annotations) end = std::max(end, annotation.span.end);
      writer_.end_statement(end);
    }
    return writer_.finish();
  }

 private:
  bool fits(std::size_t column, std::string_view text) const {
    return column + width_of(text) <= format_width;
  }

  bool fits_list(std::string_view text) const { return width_of(text) <= format_list_width; }

  std::string as_written(std::string_view value, Span span) const {
    if (span.valid() && span.end <= source_.size() && span.begin < span.end &&
        source_[span.begin] == '"') {
      return std::string(source_.substr(span.begin, span.size()));
    }
    return quoted(value);
  }

  std::string text(const ast::Term& term) const { return print_as_written(term, source_); }
  std::string text(const ast::Atom& atom) const { return print_as_written(atom, source_); }
  std::string text(const ast::Literal& literal) const { return print_as_written(literal, source_); }

  template <typename T>
  std::string joined(const std::vector<T>& items, std::string_view separator) const {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (i > 0) out += separator;
      out += text(items[i]);
    }
    return out;
  }

  std::string body_text(const std::vector<std::vector<ast::Literal>>& alternatives) const {
    std::string out;
    for (std::size_t i = 0; i < alternatives.size(); ++i) {
      if (i > 0) out += " ; ";
      out += joined(alternatives[i], ", ");
    }
    return out;
  }

  void annotations(const std::vector<ast::Annotation>& list) {
    for (const ast::Annotation& annotation : list) {
      std::string line = "@";
      switch (annotation.kind) {
        case ast::Annotation::Kind::cite: line += "cite " + annotation.source.text; break;
        case ast::Annotation::Kind::note: line += "note"; break;
        case ast::Annotation::Kind::assumption: line += "assumption"; break;
      }
      line += ' ' + as_written(annotation.text, annotation.text_span);
      writer_.new_line(2);
      writer_.continue_at(2);
      writer_.word(line, annotation.span.begin);
    }
  }

  // A statement as the printer writes it, line by line. The lines of a block (`publisher
  // "..."`, `}`) take the comments before the place where their first word is written.
  void printed(const ast::Statement& statement) {
    std::string printed = print_as_written(statement.node, source_);
    std::size_t start = 0;
    std::uint32_t at = statement.span.begin;
    while (start <= printed.size()) {
      std::size_t end = line_end(printed, start);
      std::string_view line = std::string_view(printed).substr(start, end - start);
      if (start > 0) {
        std::size_t indent = std::min(line.find_first_not_of(' '), line.size());
        line.remove_prefix(indent);
        writer_.new_line(indent);
        writer_.continue_at(indent);
        std::string_view first_word = line.substr(0, line.find(' '));
        std::uint32_t found = writer_.find_word(first_word, at, statement.span.end);
        if (found < statement.span.end) at = found;
      }
      writer_.word(line, at);
      start = end + 1;
    }
  }

  template <typename Node>
  void layout(const Node&, const ast::Statement& statement) {
    printed(statement);
    annotations(statement.annotations);
  }

  std::string entity_text(const ast::Entity& entity) const {
    std::string out = entity.id.text;
    if (!entity.label) return out;
    // The label as written when the entity's span shows it plainly after the name.
    std::string_view written = source_.substr(entity.span.begin, entity.span.size());
    std::size_t quote = written.find('"');
    bool plain = quote != std::string_view::npos &&
                 is_blank(written.substr(entity.id.text.size(), quote - entity.id.text.size()));
    return out + ' ' + (plain ? std::string(written.substr(quote)) : quoted(*entity.label));
  }

  void layout(const ast::EntityDecl& decl, const ast::Statement& statement) {
    if (decl.block || decl.entities.size() < 2) {
      printed(statement);
      annotations(statement.annotations);
      return;
    }
    bool labels = std::any_of(decl.entities.begin(), decl.entities.end(),
                              [](const ast::Entity& entity) { return entity.label.has_value(); });
    std::string head = decl.kind.text + ' ';
    std::vector<std::string> names;
    std::string flat = head;
    for (std::size_t i = 0; i < decl.entities.size(); ++i) {
      names.push_back(entity_text(decl.entities[i]));
      flat += (i > 0 ? ", " : "") + names.back();
    }
    flat += '.';
    Span last = decl.entities.back().span;
    if (!labels && fits_list(flat) &&
        !writer_.comment_within(Span{last.file, statement.span.begin, last.begin})) {
      writer_.word(flat, statement.span.begin);
    } else {
      aligned(head, names, decl.entities, statement.span.begin);
    }
    annotations(statement.annotations);
  }

  // `head` then one item per line under the first, with `,` between and `.` at the end.
  template <typename Item>
  void aligned(const std::string& head, const std::vector<std::string>& texts,
               const std::vector<Item>& items, std::uint32_t begin) {
    std::size_t column = width_of(head);
    writer_.continue_at(column);
    writer_.word(head, begin);
    for (std::size_t i = 0; i < texts.size(); ++i) {
      if (i > 0) writer_.new_line(column);
      writer_.word(texts[i] + (i + 1 < texts.size() ? "," : "."), items[i].span.begin);
    }
  }

  void layout(const ast::Edge& edge, const ast::Statement& statement) {
    std::string head = joined(edge.subjects, ", ") + ' ' + edge.relation.text + ' ';
    std::vector<std::string> objects;
    for (const ast::Term& object : edge.objects) objects.push_back(text(object));
    std::string flat = head + joined(edge.objects, ", ") + '.';
    Span last = edge.objects.back().span;
    if (fits_list(flat) &&
        !writer_.comment_within(Span{last.file, statement.span.begin, last.begin})) {
      writer_.word(flat, statement.span.begin);
    } else {
      aligned(head, objects, edge.objects, statement.span.begin);
    }
    annotations(statement.annotations);
  }

  void layout(const ast::RuleDecl& rule, const ast::Statement& statement) {
    std::size_t indent = 0;
    if (rule.name) {
      writer_.word("rule " + rule.name->text, statement.span.begin);
      annotations(statement.annotations);
      writer_.new_line(2);
      indent = 2;
    }
    clause(rule.clause, indent);
    if (!rule.name) annotations(statement.annotations);
  }

  void clause(const ast::Clause& clause, std::size_t indent) {
    std::string heads = joined(clause.heads, ", ");
    writer_.continue_at(indent + 2);
    if (clause.body.empty()) {
      writer_.word(heads + '.', clause.span.begin);
      return;
    }
    std::string body = body_text(clause.body) + '.';
    // A comment inside the last condition goes after the clause: it does not break it.
    Span last = clause.body.back().back().span;
    bool comments = writer_.comment_within(Span{last.file, clause.span.begin, last.begin});
    if (!comments && fits(indent, heads + " :- " + body)) {
      writer_.word(heads + " :- " + body, clause.span.begin);
      return;
    }
    writer_.word(heads + " :-", clause.span.begin);
    if (!comments && fits(indent + 2, body)) {
      writer_.new_line(indent + 2);
      writer_.word(body, clause.body.front().front().span.begin);
      return;
    }
    broken_body(clause.body, indent + 2);
  }

  // One condition per line; alternatives after the first start with `; `, two to the left.
  void broken_body(const std::vector<std::vector<ast::Literal>>& alternatives, std::size_t indent) {
    for (std::size_t a = 0; a < alternatives.size(); ++a) {
      const auto& literals = alternatives[a];
      for (std::size_t i = 0; i < literals.size(); ++i) {
        bool last = a + 1 == alternatives.size() && i + 1 == literals.size();
        std::string tail = last ? "." : i + 1 < literals.size() ? "," : "";
        bool other_alternative = a > 0 && i == 0;
        writer_.new_line(other_alternative ? indent - 2 : indent);
        writer_.continue_at(indent);
        literal_line(literals[i], other_alternative ? "; " : "", tail);
      }
    }
  }

  // A condition on a line of its own; a group, one alternative per line.
  void literal_line(const ast::Literal& literal, const std::string& prefix,
                    const std::string& tail) {
    if (literal.kind != ast::Literal::Kind::group) {
      writer_.word(prefix + text(literal) + tail, literal.span.begin);
      return;
    }
    std::size_t column = writer_.column() + width_of(prefix);
    writer_.continue_at(column + 2);
    for (std::size_t a = 0; a < literal.alternatives.size(); ++a) {
      const auto& alternative = literal.alternatives[a];
      if (a > 0) writer_.new_line(column);
      writer_.word((a == 0 ? prefix + "( " : std::string("; ")) + joined(alternative, ", "),
                   alternative.front().span.begin);
    }
    writer_.put(" )" + tail);
  }

  // Whether the author wrote `,` right after `span` (`expect a, b.`) rather than `.`.
  bool comma_after(Span span) const {
    std::size_t at = span.end;
    while (at < source_.size()) {
      char c = source_[at];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        ++at;
      } else if (source_.substr(at, 2) == "//") {
        at = source_.find('\n', at);
        if (at == std::string_view::npos) return false;
      } else if (source_.substr(at, 2) == "/*") {
        at = source_.find("*/", at + 2);
        if (at == std::string_view::npos) return false;
        at += 2;
      } else {
        return c == ',';
      }
    }
    return false;
  }

  void layout(const ast::TestDecl& test, const ast::Statement& statement) {
    writer_.word("test " + as_written(test.name, test.name_span) + " {", statement.span.begin);
    writer_.continue_at(2);
    // The items in the order written: givens and expectations may alternate.
    struct Item {
      const ast::Atom* atom;
      const ast::Expectation* expectation;  // null for what is given
    };
    std::vector<Item> items;
    for (const ast::Atom& atom : test.given) items.push_back({&atom, nullptr});
    for (const ast::Expectation& each : test.expectations) items.push_back({&each.atom, &each});
    std::stable_sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
      return a.atom->span.begin < b.atom->span.begin;
    });
    bool comma = false;  // the item before ended in `,`
    for (std::size_t i = 0; i < items.size(); ++i) {
      const Item& item = items[i];
      bool given = item.expectation == nullptr;
      bool same_kind = i > 0 && given == (items[i - 1].expectation == nullptr);
      if (same_kind && (given || comma)) {
        writer_.put(" ");
        writer_.word(text(*item.atom), item.atom->span.begin);
      } else {
        writer_.new_line(2);
        std::string start = given                       ? "given "
                            : item.expectation->negated ? "expect not "
                                                        : "expect ";
        writer_.word(start + text(*item.atom), item.atom->span.begin);
      }
      const Item* next = i + 1 < items.size() ? &items[i + 1] : nullptr;
      comma = next != nullptr && comma_after(item.atom->span) &&
              given == (next->expectation == nullptr) &&
              (given || next->expectation->negated == item.expectation->negated);
      writer_.put(comma ? "," : ".");
    }
    std::size_t close = source_.rfind('}', statement.span.end - 1);
    if (close != std::string_view::npos) {
      writer_.comments_before(static_cast<std::uint32_t>(close), false);
    }
    writer_.new_line(0);
    writer_.put("}");
    annotations(statement.annotations);
  }

  std::string_view source_;
  Writer writer_;
};

}  // namespace

std::string format(std::string_view text, const ast::Module& module) {
  return Formatter(text).run(module);
}

}  // namespace sinew::syntax
