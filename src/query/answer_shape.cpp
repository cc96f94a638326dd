// Shaping the answer relation of a query into what is shown: the chosen columns (a
// projection, or groups with their aggregates), then `order by`, then `limit`.
//
// Every step is deterministic: groups and projected rows come out in the default
// order (numbers numerically, symbols by text, column by column), `order by` is a
// stable sort on top of it (levels of a scale by rank), and ties keep that order.

#include "query/answers.hpp"

#include "engine/value.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <limits>
#include <numeric>

namespace sinew::query {

namespace {

using Row = std::vector<ir::Value>;
__extension__ typedef __int128 Wide;  // a sum of 2^64 values of 64 bits fits
using ColumnKind = ir::QueryColumn::Kind;

int three_way(auto a, auto b) { return a < b ? -1 : b < a ? 1 : 0; }

// Compares values of a column: numbers numerically, symbols by text, and, when asked,
// levels of a scale by rank. Symbols are ranked by text once, not compared as text in
// every step of a sort of millions of rows.
class ValueOrder {
 public:
  ValueOrder(const SymbolTable& symbols, std::span<const ir::Scale> scales)
      : symbols_(symbols), scales_(scales) {}

  int compare(const ir::ColumnType& type, ir::Value a, ir::Value b, bool levels_by_rank) {
    if (a == b) return 0;
    if (levels_by_rank && type.scale != ir::none) {
      return engine::compare_values(symbols_, scales_, ir::Ordering{type.base, type.scale}, a, b);
    }
    switch (type.base) {
      case ir::BaseType::number:
        return three_way(static_cast<std::int64_t>(a), static_cast<std::int64_t>(b));
      case ir::BaseType::unsigned_number: return three_way(a, b);
      case ir::BaseType::floating:
        return three_way(std::bit_cast<double>(a), std::bit_cast<double>(b));
      case ir::BaseType::symbol: return three_way(text_rank(a), text_rank(b));
    }
    return 0;
  }

 private:
  std::uint32_t text_rank(ir::Value symbol) {
    if (rank_.empty()) {
      std::vector<std::uint32_t> by_text(symbols_.size());
      std::iota(by_text.begin(), by_text.end(), 0u);
      std::sort(by_text.begin(), by_text.end(), [&](std::uint32_t a, std::uint32_t b) {
        return symbols_.text(a) < symbols_.text(b);
      });
      rank_.resize(by_text.size());
      for (std::uint32_t i = 0; i < by_text.size(); ++i) rank_[by_text[i]] = i;
    }
    return symbol < rank_.size() ? rank_[symbol] : std::numeric_limits<std::uint32_t>::max();
  }

  const SymbolTable& symbols_;
  std::span<const ir::Scale> scales_;
  std::vector<std::uint32_t> rank_;  // by SymbolId
};

// The columns shown when the query does not say: the answer columns as they are.
std::vector<ir::QueryColumn> default_columns(const ir::Query& definition) {
  std::vector<ir::QueryColumn> columns;
  for (std::uint32_t i = 0; i < definition.answer_variables.size(); ++i) {
    columns.push_back(ir::QueryColumn{ColumnKind::value,
                                      definition.variables[definition.answer_variables[i]], i,
                                      definition.answer_types[i]});
  }
  return columns;
}

bool is_identity(const std::vector<ir::QueryColumn>& columns, std::size_t answer_columns) {
  if (columns.size() != answer_columns) return false;
  for (std::uint32_t i = 0; i < columns.size(); ++i) {
    if (columns[i].kind != ColumnKind::value || columns[i].source != i) return false;
  }
  return true;
}

// One aggregate over the rows of a group.
class Aggregator {
 public:
  Aggregator(const ir::QueryColumn& column, const ir::ColumnType& source_type, ValueOrder& order)
      : column_(column), source_type_(source_type), order_(order) {}

  void add(const Row& row) {
    ++count_;
    if (column_.kind == ColumnKind::count) return;
    ir::Value value = row[column_.source];
    switch (column_.kind) {
      case ColumnKind::min:
      case ColumnKind::max: {
        int sign = column_.kind == ColumnKind::min ? -1 : 1;
        if (count_ == 1 || order_.compare(source_type_, value, best_, true) * sign > 0) {
          best_ = value;
        }
        break;
      }
      default:
        switch (source_type_.base) {
          case ir::BaseType::number: whole_ += static_cast<std::int64_t>(value); break;
          case ir::BaseType::unsigned_number: whole_ += value; break;
          default: real_ += std::bit_cast<double>(value); break;
        }
        break;
    }
  }

  // The value, or nullopt for min, max and mean of no rows. Sets `error` when a sum
  // does not fit.
  std::optional<ir::Value> value(std::string& error) const {
    switch (column_.kind) {
      case ColumnKind::count: return static_cast<ir::Value>(count_);
      case ColumnKind::min:
      case ColumnKind::max:
        if (count_ == 0) return std::nullopt;
        return best_;
      case ColumnKind::mean: {
        if (count_ == 0) return std::nullopt;
        double total = source_type_.base == ir::BaseType::floating ? real_
                                                                   : static_cast<double>(whole_);
        return std::bit_cast<ir::Value>(total / static_cast<double>(count_));
      }
      case ColumnKind::sum: return sum(error);
      case ColumnKind::value: break;
    }
    return std::nullopt;
  }

 private:
  std::optional<ir::Value> sum(std::string& error) const {
    switch (source_type_.base) {
      case ir::BaseType::number:
        if (whole_ > std::numeric_limits<std::int64_t>::max() ||
            whole_ < std::numeric_limits<std::int64_t>::min()) {
          error = fmt::format("the sum `{}` is too large for Sinew (64 bits)", column_.name);
          return std::nullopt;
        }
        return static_cast<ir::Value>(static_cast<std::int64_t>(whole_));
      case ir::BaseType::unsigned_number:
        if (whole_ > std::numeric_limits<std::uint64_t>::max()) {
          error = fmt::format("the sum `{}` is too large for Sinew (64 bits)", column_.name);
          return std::nullopt;
        }
        return static_cast<ir::Value>(whole_);
      default: return std::bit_cast<ir::Value>(real_);
    }
  }

  const ir::QueryColumn& column_;
  const ir::ColumnType& source_type_;
  ValueOrder& order_;
  std::uint64_t count_ = 0;
  Wide whole_ = 0;
  double real_ = 0;
  ir::Value best_ = 0;
};

class Shaper {
 public:
  Shaper(const ir::Query& definition, const SymbolTable& symbols, std::span<const ir::Scale> scales)
      : definition_(definition),
        columns_(definition.columns.empty() ? default_columns(definition) : definition.columns),
        order_(symbols, scales) {}

  Table run(std::vector<Row> rows) {
    Table table;
    for (const ir::QueryColumn& column : columns_) {
      table.columns.push_back(column.name);
      table.types.push_back(column.type);
    }
    for (const ir::QueryColumn& column : columns_) {
      if (column.kind == ColumnKind::value) keys_.push_back(column.source);
    }
    bool aggregates = keys_.size() != columns_.size();
    if (aggregates) {
      table.rows = group(std::move(rows), table.error);
    } else if (is_identity(columns_, definition_.answer_variables.size())) {
      table.rows = std::move(rows);  // already in the default order
    } else {
      table.rows = project(std::move(rows));
    }
    sort_by_keys(table.rows);
    if (definition_.limit && table.rows.size() > *definition_.limit) {
      table.rows.resize(static_cast<std::size_t>(*definition_.limit));
    }
    return table;
  }

 private:
  const ir::ColumnType& answer_type(std::uint32_t source) const {
    return definition_.answer_types.at(source);
  }

  // Default order on the group columns of two answer rows.
  int compare_keys(const Row& a, const Row& b) {
    for (std::uint32_t source : keys_) {
      if (int c = order_.compare(answer_type(source), a[source], b[source], false)) return c;
    }
    return 0;
  }

  std::vector<Row> project(std::vector<Row> rows) {
    std::vector<Row> projected;
    projected.reserve(rows.size());
    for (const Row& row : rows) {
      Row out;
      for (std::uint32_t source : keys_) out.push_back(row[source]);
      projected.push_back(std::move(out));
    }
    std::vector<ir::ColumnType> types;
    for (std::uint32_t source : keys_) types.push_back(answer_type(source));
    std::stable_sort(projected.begin(), projected.end(), [&](const Row& a, const Row& b) {
      for (std::size_t i = 0; i < types.size(); ++i) {
        if (int c = order_.compare(types[i], a[i], b[i], false)) return c < 0;
      }
      return false;
    });
    projected.erase(std::unique(projected.begin(), projected.end()), projected.end());
    return projected;
  }

  // Rows that agree on the group columns form a group; each gets one row of values
  // and aggregates.
  std::vector<Row> group(std::vector<Row> rows, std::string& error) {
    std::stable_sort(rows.begin(), rows.end(),
                     [&](const Row& a, const Row& b) { return compare_keys(a, b) < 0; });
    std::vector<Row> out;
    auto emit = [&](std::size_t begin, std::size_t end) {
      std::vector<Aggregator> aggregators;
      for (const ir::QueryColumn& column : columns_) {
        const ir::ColumnType& type = column.kind == ColumnKind::count ? column.type
                                                                      : answer_type(column.source);
        aggregators.emplace_back(column, type, order_);
      }
      for (std::size_t r = begin; r < end; ++r) {
        for (Aggregator& aggregator : aggregators) aggregator.add(rows[r]);
      }
      Row row;
      for (std::size_t c = 0; c < columns_.size(); ++c) {
        if (columns_[c].kind == ColumnKind::value) {
          row.push_back(rows[begin][columns_[c].source]);
          continue;
        }
        auto value = aggregators[c].value(error);
        if (!value) return;  // min, max or mean of nothing: no answer
        row.push_back(*value);
      }
      out.push_back(std::move(row));
    };
    if (keys_.empty()) {
      // One group of every answer, even of none: `count` of nothing is 0.
      emit(0, rows.size());
    } else {
      for (std::size_t begin = 0; begin < rows.size();) {
        std::size_t end = begin + 1;
        while (end < rows.size() && compare_keys(rows[begin], rows[end]) == 0) ++end;
        emit(begin, end);
        begin = end;
      }
    }
    if (!error.empty()) out.clear();
    return out;
  }

  void sort_by_keys(std::vector<Row>& rows) {
    if (definition_.order.empty()) return;
    std::stable_sort(rows.begin(), rows.end(), [&](const Row& a, const Row& b) {
      for (const ir::QueryOrder& key : definition_.order) {
        const ir::QueryColumn& column = columns_[key.column];
        int c = order_.compare(column.type, a[key.column], b[key.column], true);
        if (c != 0) return key.descending ? c > 0 : c < 0;
      }
      return false;
    });
  }

  const ir::Query& definition_;
  std::vector<ir::QueryColumn> columns_;
  std::vector<std::uint32_t> keys_;  // answer columns of the `value` columns, in order
  ValueOrder order_;
};

}  // namespace

Table shape(const ir::Query& definition, std::vector<std::vector<ir::Value>> rows,
            const SymbolTable& symbols, std::span<const ir::Scale> scales) {
  return Shaper(definition, symbols, scales).run(std::move(rows));
}

}  // namespace sinew::query
