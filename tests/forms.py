"""Filling the checker forms as a candidate would, for the browser tests and the gates."""

from playwright.sync_api import Page


def check_one_donation(page: Page, site_url: str, code: str, donor: str, amount: str, received: str):
    """As a candidate would: open the donations checker, choose a code, enter one donation, press Check."""
    page.goto(site_url + "checkers/donations/")
    page.select_option("#code", code)
    page.fill("#donations-0-donor", donor)
    page.fill("#donations-0-amount", amount)
    page.fill("#donations-0-received", received)
    page.click("button[type=submit]")
