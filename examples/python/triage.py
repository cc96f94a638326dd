#!/usr/bin/env python3
"""Triage one case with a compiled knowledge base, through Sinew's C API (ctypes):
its disposition, and why. Needs nothing but Python 3 and libsinew.so.

    python3 triage.py KB.sinewb CASE.json [--library path/to/libsinew.so]

Without --library, the library is $SINEW_LIBRARY, or else `libsinew.so` wherever the
system's loader finds it.
"""

import argparse
import ctypes
import json
import os
import sys

OK = 0
FORMAT_TEXT = 0


class SinewError(Exception):
    pass


def load_library(path):
    lib = ctypes.CDLL(path)
    c_char_pp = ctypes.POINTER(ctypes.c_char_p)
    handle = ctypes.c_void_p
    out = ctypes.POINTER(ctypes.c_void_p)
    signatures = {
        "sinew_error_message": (ctypes.c_char_p, [handle]),
        "sinew_error_free": (None, [handle]),
        "sinew_string_free": (None, [handle]),
        "sinew_kb_load": (ctypes.c_int, [ctypes.c_char_p, out, out]),
        "sinew_kb_free": (None, [handle]),
        "sinew_session_new": (ctypes.c_int, [handle, out, out]),
        "sinew_session_free": (None, [handle]),
        "sinew_session_eval": (ctypes.c_int, [handle, ctypes.c_char_p, ctypes.c_size_t, out]),
        "sinew_session_explain": (ctypes.c_int, [handle, ctypes.c_char_p, c_char_pp,
                                                 ctypes.c_size_t, ctypes.c_int, out, out]),
    }
    for name, (result, arguments) in signatures.items():
        function = getattr(lib, name)
        function.restype = result
        function.argtypes = arguments
    return lib


def check(lib, status, error):
    """Raises the library's message when a call failed, and frees it."""
    if status == OK:
        return
    message = "status %d" % status
    if error.value:
        message = lib.sinew_error_message(error).decode()
        lib.sinew_error_free(error)
    raise SinewError(message)


def take_string(lib, pointer):
    """A string the library handed out, copied into Python and freed."""
    text = ctypes.cast(pointer, ctypes.c_char_p).value.decode()
    lib.sinew_string_free(pointer)
    return text


def triage(lib, kb_path, case_text):
    kb, session, error = ctypes.c_void_p(), ctypes.c_void_p(), ctypes.c_void_p()
    check(lib, lib.sinew_kb_load(kb_path.encode(), ctypes.byref(kb), ctypes.byref(error)), error)
    try:
        check(lib, lib.sinew_session_new(kb, ctypes.byref(session), ctypes.byref(error)), error)
    finally:
        lib.sinew_kb_free(kb)  # the session keeps what it needs
    try:
        data = case_text.encode()
        answer = ctypes.c_void_p()
        status = lib.sinew_session_eval(session, data, len(data), ctypes.byref(answer))
        result = json.loads(take_string(lib, answer)) if answer.value else {}
        if status != OK:
            raise SinewError("the case was refused: " + result.get("error", "status %d" % status))
        lines = []
        levels = result["conclusions"].get("disposition", [])
        if not levels:
            lines.append("disposition: none")
        for level in levels:
            lines.append("disposition: %s\n" % level)
            values = (ctypes.c_char_p * 1)(level.encode())
            why = ctypes.c_void_p()
            check(lib, lib.sinew_session_explain(session, b"disposition", values, 1, FORMAT_TEXT,
                                                 ctypes.byref(why), ctypes.byref(error)), error)
            lines.append(take_string(lib, why))
        return "\n".join(lines)
    finally:
        lib.sinew_session_free(session)


def main():
    parser = argparse.ArgumentParser(description="Triage one case with a compiled knowledge base.")
    parser.add_argument("kb", help="the compiled knowledge base (sinew compile KB -o kb.sinewb)")
    parser.add_argument("case", help="the case, a JSON file")
    parser.add_argument("--library", default=os.environ.get("SINEW_LIBRARY", "libsinew.so"),
                        help="libsinew.so (default: $SINEW_LIBRARY)")
    arguments = parser.parse_args()
    try:
        lib = load_library(arguments.library)
    except OSError as e:
        print("error: cannot load the Sinew library: %s" % e, file=sys.stderr)
        return 1
    with open(arguments.case, encoding="utf-8") as file:
        case_text = file.read()
    try:
        print(triage(lib, arguments.kb, case_text), end="")
    except SinewError as e:
        print("error: %s" % e, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
