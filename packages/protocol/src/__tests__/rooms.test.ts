import { describe, expect, it } from 'vitest';
import { idProblem, MAX_ID_LENGTH } from '../ids.js';
import {
  operationRoom,
  PLATFORM_ROOM,
  parseRoom,
  roomProblem,
  tenantRoleRoom,
  tenantRoom,
  userRoom,
} from '../rooms.js';
import { compileRoomTemplate } from '../roomTemplate.js';

describe('built-in rooms', () => {
  it('builds and parses every built-in shape', () => {
    expect(parseRoom(userRoom('u-1'))).toEqual({ kind: 'user', userId: 'u-1' });
    expect(parseRoom(tenantRoom('acme'))).toEqual({ kind: 'tenant', tenantId: 'acme' });
    expect(parseRoom(tenantRoleRoom('acme', 'admin'))).toEqual({
      kind: 'tenantRole',
      tenantId: 'acme',
      role: 'admin',
    });
    expect(parseRoom(PLATFORM_ROOM)).toEqual({ kind: 'platform' });
    expect(parseRoom(operationRoom('op_1'))).toEqual({ kind: 'operation', operationId: 'op_1' });
  });

  it('accepts emails and uuids as ids', () => {
    expect(userRoom('ada@example.com')).toBe('user:ada@example.com');
    expect(idProblem('7c9e6679-7425-40de-944b-e07fc1f90ae7')).toBeNull();
  });

  it('refuses ids that could escape their room', () => {
    expect(() => userRoom('alice:tenant:other')).toThrow(/Invalid user id/);
    expect(() => tenantRoom('')).toThrow(/empty/);
    expect(() => operationRoom('x'.repeat(MAX_ID_LENGTH + 1))).toThrow(/longer/);
    expect(() => tenantRoleRoom('acme', 'admin role')).toThrow(/Invalid role/);
    expect(idProblem('a/b')).toContain('may only contain');
    expect(idProblem('{x}')).toContain('may only contain');
  });

  it('treats malformed built-in shapes as invalid, not custom', () => {
    expect(parseRoom('user:a:b')).toBeNull();
    expect(parseRoom('tenant:a:admin:b')).toBeNull();
    expect(parseRoom('operation')).toBeNull();
    expect(parseRoom('platform:x')).toBeNull();
    expect(parseRoom('user::')).toBeNull();
    expect(roomProblem('chat:42')).toBeNull();
    expect(parseRoom('chat:42')).toEqual({ kind: 'custom', name: 'chat:42' });
  });
});

describe('room templates', () => {
  it('matches and formats params', () => {
    const chat = compileRoomTemplate('chat:{chatId}');
    expect(chat.params).toEqual(['chatId']);
    expect(chat.match('chat:42')).toEqual({ chatId: '42' });
    expect(chat.match('chat:42:x')).toBeNull();
    expect(chat.match('chats:42')).toBeNull();
    expect(chat.format({ chatId: '7' })).toBe('chat:7');
    expect(() => chat.format({ chatId: 'a:b' })).toThrow(/Invalid value for \{chatId\}/);
  });

  it('handles several params', () => {
    const board = compileRoomTemplate('project:{projectId}:board:{boardId}');
    expect(board.match('project:p1:board:b2')).toEqual({ projectId: 'p1', boardId: 'b2' });
    expect(board.match('project:p1:list:b2')).toBeNull();
  });

  it('refuses templates that are malformed or shadow built-in rooms', () => {
    expect(() => compileRoomTemplate('user:{id}')).toThrow(/built-in/);
    expect(() => compileRoomTemplate('tenant:{t}:chat:{c}')).toThrow(/built-in/);
    expect(() => compileRoomTemplate('chat:{a}{b}')).toThrow(/Invalid room template/);
    expect(() => compileRoomTemplate('chat')).toThrow(/no \{param\}/);
    expect(() => compileRoomTemplate('chat:{a}:x:{a}')).toThrow(/repeats/);
  });
});
