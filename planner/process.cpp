#include "planner/process.h"

#include <boost/asio/io_context.hpp>
#include <boost/process.hpp>
#include <future>
#include <system_error>

#if defined(__unix__) || defined(__APPLE__)
#include <sys/wait.h>
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

}  // namespace

bool run_process(const std::vector<std::string>& argv, ProcessResult& result, std::string& error) {
  result = ProcessResult{};
  if (argv.empty()) {
    error = "no program to run";
    return false;
  }
  const std::string& prog = argv[0];
  std::string exe = prog.find('/') != std::string::npos ? prog : find_program(prog);
  if (exe.empty()) {
    error = "cannot find the program '" + prog + "' on PATH";
    return false;
  }
  std::vector<std::string> args(argv.begin() + 1, argv.end());
  try {
    boost::asio::io_context ios;
    std::future<std::string> out, err;
    std::error_code ec;
    bp::child c(bp::exe = exe, bp::args = args, bp::std_in<bp::null, bp::std_out> out,
                bp::std_err > err, ios, ec);
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
