import { homedir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveDataDir } from '../../../src-main/store/store';

describe('resolveDataDir', () => {
  it('prefers VIGIL_DATA_DIR, made absolute', () => {
    expect(resolveDataDir({ VIGIL_DATA_DIR: '/srv/vigil', HOME: '/home/ann' }, 'linux')).toBe('/srv/vigil');
    expect(resolveDataDir({ VIGIL_DATA_DIR: 'rel/data' }, 'linux')).toBe(path.resolve('rel/data'));
    expect(resolveDataDir({ VIGIL_DATA_DIR: 'D:\\Vigil', APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' }, 'win32')).toBe('D:\\Vigil');
  });

  it('on Linux uses $XDG_CONFIG_HOME, ignoring a relative one, else ~/.config', () => {
    expect(resolveDataDir({ XDG_CONFIG_HOME: '/home/ann/.cfg', HOME: '/home/ann' }, 'linux')).toBe('/home/ann/.cfg/Vigil');
    expect(resolveDataDir({ XDG_CONFIG_HOME: 'cfg', HOME: '/home/ann' }, 'linux')).toBe('/home/ann/.config/Vigil');
    expect(resolveDataDir({ HOME: '/home/ann' }, 'linux')).toBe('/home/ann/.config/Vigil');
    expect(resolveDataDir({}, 'linux')).toBe(path.join(homedir(), '.config', 'Vigil'));
  });

  it('on macOS uses ~/Library/Application Support', () => {
    expect(resolveDataDir({ HOME: '/Users/ann' }, 'darwin')).toBe('/Users/ann/Library/Application Support/Vigil');
  });

  it('on Windows uses %APPDATA%, else the roaming folder under the profile', () => {
    expect(resolveDataDir({ APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' }, 'win32')).toBe('C:\\Users\\ann\\AppData\\Roaming\\Vigil');
    expect(resolveDataDir({ USERPROFILE: 'C:\\Users\\ann' }, 'win32')).toBe('C:\\Users\\ann\\AppData\\Roaming\\Vigil');
  });
});
