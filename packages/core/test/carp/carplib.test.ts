import { describe, expect, it } from 'vitest';
import { parseCarplib } from '@postroute/core';
import { inputError } from '../support/errors.js';

const text = [
  ' NOMBRE : tiny', ' COMENTARIO : 10000 (cota superior)', ' VERTICES : 3', ' ARISTAS_REQ : 2', ' ARISTAS_NOREQ : 1',
  ' VEHICULOS : 1', ' CAPACIDAD : 5', ' TIPO_COSTES_ARISTAS : EXPLICITOS', ' COSTE_TOTAL_REQ : 7', ' LISTA_ARISTAS_REQ :',
  ' ( 1, 2)  coste 3 demanda 1', ' ( 2, 3)  coste 4 demanda 2', 'LISTA_ARISTAS_NOREQ :', '( 1, 3)   coste 9', ' DEPOSITO :   1', '',
].join('\n');

describe('parseCarplib', () => {
  it('reads vertices from 1 into nodes from 0, required edges first', () => {
    const instance = parseCarplib(text);
    expect(instance.name).toBe('tiny');
    expect(instance.capacity).toBe(5);
    expect(instance.vehicles).toBe(1);
    expect(instance.input).toEqual({
      nodeCount: 3, depot: 0, capacity: 5,
      edges: [{ from: 0, to: 1, cost: 3 }, { from: 1, to: 2, cost: 4 }, { from: 0, to: 2, cost: 9 }],
      required: [{ edge: 0, demand: 1 }, { edge: 1, demand: 2 }],
    });
  });

  it('reads CRLF files', () => {
    expect(parseCarplib(text.replace(/\n/g, '\r\n')).input.edges).toHaveLength(3);
  });

  it('reports the line of bad input', () => {
    expect(inputError(() => parseCarplib(text.replace('( 2, 3)', '( 2, 4)'), { source: 't.dat' })).describe()).toMatch(/^t\.dat, line 12: vertex 4 is outside 1…3/);
    expect(inputError(() => parseCarplib(text.replace(' demanda 2', ''), { source: 't.dat' })).describe()).toMatch(/line 12: a required edge needs "demanda q"/);
    expect(inputError(() => parseCarplib(text.replace('ARISTAS_REQ : 2', 'ARISTAS_REQ : 3'))).describe()).toMatch(/line 4: ARISTAS_REQ says 3 but the list has 2/);
    expect(inputError(() => parseCarplib(text.replace(' DEPOSITO :   1', ''))).describe()).toMatch(/missing DEPOSITO/);
    expect(inputError(() => parseCarplib(text.replace('( 1, 3)   coste 9', 'garbage here'))).describe()).toMatch(/line 14: cannot read "garbage here"/);
  });
});
