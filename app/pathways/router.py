"""Placeholder router; the routes arrive with the catalogue work."""

from fastapi import APIRouter

router = APIRouter()
