"""Writes to training: bookings and attendance (training.services.bookings) and evaluation
(training.services.evaluation). Each checks the right, runs in one transaction and is
audited."""
