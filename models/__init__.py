"""Forecasting models (statsmodels) that project each indicator; see the forecasting issue."""
