// Vitest setup: DOM matchers (toBeInTheDocument, toHaveFocus, ...) for every test file.
import '@testing-library/jest-dom/vitest';
