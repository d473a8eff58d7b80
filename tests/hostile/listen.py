#!/usr/bin/env python3
"""A loopback listener that records every connection made to it.

Usage: listen.py PORTFILE LOGFILE STOPFILE SECONDS

Binds 127.0.0.1 on a free port, writes the port number to PORTFILE once it
listens, and appends one line per accepted connection to LOGFILE: "PROBE"
for the test's own probe (a connection that sends "PROBE\\n"), "CONNECTION
<first bytes>" for any other. It stops when STOPFILE exists or after SECONDS
seconds, whichever comes first, so it never outlives a broken test run.
"""
import os
import socket
import sys
import time


def main():
    port_file, log_file, stop_file, seconds = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
    deadline = time.monotonic() + seconds
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", 0))
    server.listen(64)
    server.settimeout(0.1)
    with open(port_file + ".part", "w") as f:
        f.write("%d\n" % server.getsockname()[1])
    os.rename(port_file + ".part", port_file)
    with open(log_file, "a") as log:
        while time.monotonic() < deadline and not os.path.exists(stop_file):
            try:
                conn, _ = server.accept()
            except socket.timeout:
                continue
            conn.settimeout(1.0)
            try:
                data = conn.recv(200)
            except OSError:
                data = b""
            finally:
                conn.close()
            if data == b"PROBE\n":
                log.write("PROBE\n")
            else:
                log.write("CONNECTION %r\n" % data[:80])
            log.flush()
    server.close()


if __name__ == "__main__":
    main()
