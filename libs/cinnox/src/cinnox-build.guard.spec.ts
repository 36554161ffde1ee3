import { afterEach, describe, expect, it, vi } from 'vitest';
import { registerCinnoxBuild } from './cinnox-build.guard.js';

describe('registerCinnoxBuild', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('warns once when the other build loads in the same process', () => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    const registry = {};
    registerCinnoxBuild('ES module', registry);
    registerCinnoxBuild('ES module', registry); // another entry of the same build
    expect(warn).not.toHaveBeenCalled();
    registerCinnoxBuild('CommonJS', registry);
    registerCinnoxBuild('CommonJS', registry);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toContain('loaded twice in this process, as ES module and as CommonJS');
    expect(warn.mock.calls[0]![1]).toEqual({ code: 'CINNOX_DUAL_PACKAGE' });
  });
});
