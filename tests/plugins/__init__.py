"""Pytest plugins the whole suite shares, registered in tests/conftest.py."""
