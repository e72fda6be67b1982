"""Placeholder router; its routes arrive with the work on this domain."""

from fastapi import APIRouter

router = APIRouter()
