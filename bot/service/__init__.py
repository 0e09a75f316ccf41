"""The conversation service: start, turn, resume and rejection, the same for every channel.

Pure of any transport: the Python API, `serve`, the terminal and HTTP call it and only
translate their wire format to its calls and its replies back. `conversation` runs a turn
on a session value; `stored` runs it on a session kept in a store, under its lock.
"""
