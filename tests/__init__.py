"""Tests of casebook."""
