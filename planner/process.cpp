#include "planner/process.h"

#include <boost/asio/io_context.hpp>
#include <boost/process.hpp>
#include <boost/process/extend.hpp>
#include <future>
#include <system_error>

#if defined(__unix__) || defined(__APPLE__)
#include <sys/wait.h>
#include <unistd.h>
#endif
#if defined(__linux__)
#include <signal.h>
#include <sys/prctl.h>
#endif

namespace mhu::planner {

namespace bp = boost::process;

std::string find_program(const std::string& name) {
  if (name.empty()) return "";
  return bp::search_path(name).string();
}

namespace {

int decode_exit(const bp::child& c) {
#if defined(__unix__) || defined(__APPLE__)
  int status = c.native_exit_code();
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  if (WIFEXITED(status)) return WEXITSTATUS(status);
#endif
  return c.exit_code();
}

// argv[0] as a path: as given when it has a '/', else found on PATH.
bool resolve_program(const std::vector<std::string>& argv, std::string& exe, std::string& error) {
  if (argv.empty()) {
    error = "no program to run";
    return false;
  }
  const std::string& prog = argv[0];
  exe = prog.find('/') != std::string::npos ? prog : find_program(prog);
  if (exe.empty()) {
    error = "cannot find the program '" + prog + "' on PATH";
    return false;
  }
  return true;
}

// A tool mhu runs for its output (a preprocessor, ghc-pkg) dies with mhu: if
// mhu is killed, a preprocessor left running would go on writing its output
// while the next mhu run writes the same file.
struct DieWithParent : bp::extend::handler {
  pid_t parent = ::getpid();
  template <typename Executor>
  void on_exec_setup(Executor&) const {
#if defined(__linux__)
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(127);  // mhu died before prctl
#endif
  }
};

}  // namespace

int run_attached(const std::vector<std::string>& argv, const std::string& cwd, std::string& error) {
  std::string exe;
  if (!resolve_program(argv, exe, error)) return -1;
  std::vector<std::string> args(argv.begin() + 1, argv.end());
  try {
    std::error_code ec;
    bp::child c = cwd.empty() ? bp::child(bp::exe = exe, bp::args = args, ec)
                              : bp::child(bp::exe = exe, bp::args = args, bp::start_dir = cwd, ec);
    if (ec) {
      error = "cannot run '" + argv[0] + "': " + ec.message();
      return -1;
    }
    c.wait(ec);
    return decode_exit(c);
  } catch (const std::exception& e) {
    error = "cannot run '" + argv[0] + "': " + e.what();
    return -1;
  }
}

bool run_process(const std::vector<std::string>& argv, ProcessResult& result, std::string& error) {
  result = ProcessResult{};
  std::string exe;
  if (!resolve_program(argv, exe, error)) return false;
  const std::string& prog = argv[0];
  std::vector<std::string> args(argv.begin() + 1, argv.end());
  try {
    boost::asio::io_context ios;
    std::future<std::string> out, err;
    std::error_code ec;
    bp::child c(bp::exe = exe, bp::args = args, bp::std_in<bp::null, bp::std_out> out,
                bp::std_err > err, ios, DieWithParent{}, ec);
    if (ec) {
      error = "cannot run '" + prog + "': " + ec.message();
      return false;
    }
    ios.run();
    c.wait(ec);
    result.out = out.get();
    result.err = err.get();
    result.exit_code = decode_exit(c);
  } catch (const std::exception& e) {
    error = "cannot run '" + prog + "': " + e.what();
    result.exit_code = -1;
    return false;
  }
  return true;
}

}  // namespace mhu::planner
