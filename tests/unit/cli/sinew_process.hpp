#pragma once
// Runs the real `sinew` binary and captures what it prints and how it exits.
//
// Used by the CLI tests and the golden tests. The binary's path comes from the
// environment variable SINEW_BINARY (set by tests/CMakeLists.txt for every test);
// stdout and stderr go to temporary files, not pipes, so that a chatty child can
// never block on a full pipe while we wait for it.

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

namespace sinew::test {

struct Outcome {
  int exit_code = -1;      // -1 when the process did not exit normally
  int signal = 0;          // the signal that ended it (a crash), or 0
  bool timed_out = false;  // killed by us: a hang
  std::string out, err;

  // For failure messages: everything there is to know about the run.
  std::string describe() const {
    std::ostringstream text;
    text << "exit code " << exit_code;
    if (signal) text << ", killed by signal " << signal;
    if (timed_out) text << ", TIMED OUT";
    text << "\n--- stdout ---\n" << out << "--- stderr ---\n" << err << "---";
    return text.str();
  }
};

inline std::string sinew_binary() {
  const char* path = std::getenv("SINEW_BINARY");
  if (path == nullptr || *path == '\0') {
    throw std::runtime_error(
        "SINEW_BINARY is not set: run the tests with ctest, or set it to "
        "the path of the built `sinew`");
  }
  return path;
}

inline std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// A fresh, empty folder under the system's temporary folder, removed when it goes out
// of scope.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "sinew-test-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

  // Writes `text` to a file in the folder and returns its path.
  std::filesystem::path write(const std::string& name, const std::string& text) const {
    std::filesystem::path file = path_ / name;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << text;
    return file;
  }

 private:
  std::filesystem::path path_;
};

// Runs `sinew args...` in `working_dir` (the current folder when empty), its standard
// input read from `stdin_path` (empty: /dev/null). A run that takes longer than
// `timeout` is killed and reported as timed out: a hang is a bug.
inline Outcome run_sinew(const std::vector<std::string>& args,
                         const std::filesystem::path& working_dir = {},
                         std::chrono::seconds timeout = std::chrono::seconds(120),
                         const std::filesystem::path& stdin_path = {}) {
  TempDir capture;
  std::string out_path = (capture / "stdout").string();
  std::string err_path = (capture / "stderr").string();
  std::string binary = sinew_binary();

  std::vector<char*> argv;
  argv.push_back(binary.data());
  std::vector<std::string> copies = args;
  for (std::string& arg : copies) argv.push_back(arg.data());
  argv.push_back(nullptr);

  pid_t child = ::fork();
  if (child < 0) throw std::runtime_error("fork failed");
  if (child == 0) {
    int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int in = ::open(stdin_path.empty() ? "/dev/null" : stdin_path.c_str(), O_RDONLY);
    if (out < 0 || err < 0 || in < 0) ::_exit(126);
    ::dup2(in, STDIN_FILENO);
    ::dup2(out, STDOUT_FILENO);
    ::dup2(err, STDERR_FILENO);
    if (!working_dir.empty() && ::chdir(working_dir.c_str()) != 0) ::_exit(126);
    ::execv(binary.c_str(), argv.data());
    ::_exit(127);
  }

  Outcome outcome;
  auto deadline = std::chrono::steady_clock::now() + timeout;
  int status = 0;
  while (true) {
    pid_t done = ::waitpid(child, &status, WNOHANG);
    if (done == child) break;
    if (done < 0 && errno != EINTR) throw std::runtime_error("waitpid failed");
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(child, SIGKILL);
      ::waitpid(child, &status, 0);
      outcome.timed_out = true;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  if (WIFEXITED(status)) outcome.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status) && !outcome.timed_out) outcome.signal = WTERMSIG(status);
  outcome.out = slurp(out_path);
  outcome.err = slurp(err_path);
  return outcome;
}

// The lines of a text, without their line ends; a final line end adds no empty line.
inline std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

}  // namespace sinew::test
