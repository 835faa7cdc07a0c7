"""Passwords, the tokens this server issues, and who may do what."""
