import { type Token, tokenizeGaql } from './lexer';
import {
  type GaqlCondition,
  type GaqlOperator,
  type GaqlOrdering,
  type GaqlQuery,
  GaqlQueryError,
  type GaqlScalar,
  type GaqlValue,
} from './types';

const CLAUSE_KEYWORDS = new Set(['SELECT', 'FROM', 'WHERE', 'ORDER', 'LIMIT', 'PARAMETERS', 'AND', 'BY']);
const FIELD_NAME = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;
const RESOURCE_NAME = /^[a-z][a-z0-9_]*$/;

/**
 * Parses `SELECT ... FROM ... [WHERE ...] [ORDER BY ...] [LIMIT n] [PARAMETERS ...]`.
 * Purely syntactic: whether a field exists is decided by the validator.
 */
export function parseGaql(query: string): GaqlQuery {
  return new Parser(tokenizeGaql(query)).parseQuery();
}

class Parser {
  private index = 0;
  constructor(private readonly tokens: Token[]) {}

  parseQuery(): GaqlQuery {
    const first = this.peek();
    if (!this.isKeyword(first, 'SELECT')) {
      throw new GaqlQueryError('EXPECTED_SELECT', 'Error in query: expected SELECT at the start of the query.', first.position);
    }
    this.next();
    const select = this.parseFieldList();
    if (!this.isKeyword(this.peek(), 'FROM')) {
      throw this.unexpected('EXPECTED_FROM', 'expected FROM after the SELECT clause');
    }
    this.next();
    const resourceToken = this.next();
    if (resourceToken.kind !== 'word' || !RESOURCE_NAME.test(resourceToken.text)) {
      throw this.unexpectedAt(resourceToken, 'UNEXPECTED_INPUT', 'expected a resource name after FROM');
    }
    const query: GaqlQuery = {
      select,
      from: { resource: resourceToken.text, position: resourceToken.position },
      where: [],
      orderBy: [],
      parameters: {},
    };
    if (this.acceptKeyword('WHERE')) query.where = this.parseConditions();
    if (this.acceptKeyword('ORDER')) {
      if (!this.acceptKeyword('BY')) throw this.unexpected('EXPECTED_BY', 'expected BY after ORDER');
      query.orderBy = this.parseOrderings();
    }
    if (this.acceptKeyword('LIMIT')) query.limit = this.parseLimit();
    if (this.acceptKeyword('PARAMETERS')) query.parameters = this.parseParameters();
    const rest = this.peek();
    if (rest.kind !== 'end') throw this.unexpectedAt(rest, 'UNEXPECTED_INPUT');
    return query;
  }

  private parseFieldList(): { field: string; position: number }[] {
    const fields = [this.parseField()];
    while (this.acceptSymbol(',')) fields.push(this.parseField());
    return fields;
  }

  private parseField(): { field: string; position: number } {
    const token = this.next();
    if (token.kind === 'end') throw this.endOfQuery(token);
    if (token.kind !== 'word' || CLAUSE_KEYWORDS.has(token.text.toUpperCase())) {
      throw this.unexpectedAt(token, 'UNEXPECTED_INPUT', 'expected a field name');
    }
    if (!FIELD_NAME.test(token.text)) {
      throw new GaqlQueryError('BAD_FIELD_NAME', `Error in query: invalid field name '${token.text}'.`, token.position);
    }
    return { field: token.text, position: token.position };
  }

  private parseConditions(): GaqlCondition[] {
    const conditions = [this.parseCondition()];
    while (this.acceptKeyword('AND')) conditions.push(this.parseCondition());
    if (this.isKeyword(this.peek(), 'OR')) {
      throw this.unexpectedAt(this.peek(), 'UNEXPECTED_INPUT', 'OR is not supported, conditions can only be combined with AND');
    }
    return conditions;
  }

  private parseCondition(): GaqlCondition {
    const { field, position } = this.parseField();
    const operator = this.parseOperator();
    if (operator === 'IS NULL' || operator === 'IS NOT NULL') return { field, operator, position };
    return { field, operator, value: this.parseValueFor(operator), position };
  }

  private parseOperator(): GaqlOperator {
    const token = this.next();
    if (token.kind === 'symbol' && ['=', '!=', '>', '>=', '<', '<='].includes(token.text)) return token.text as GaqlOperator;
    if (token.kind === 'end') throw this.endOfQuery(token);
    if (token.kind !== 'word') throw this.unexpectedAt(token, 'BAD_OPERATOR', 'expected an operator');
    const word = token.text.toUpperCase();
    switch (word) {
      case 'IN':
      case 'LIKE':
      case 'DURING':
      case 'BETWEEN':
      case 'REGEXP_MATCH':
        return word;
      case 'NOT': {
        const after = this.expectWord(['IN', 'LIKE', 'REGEXP_MATCH']);
        return `NOT ${after}` as GaqlOperator;
      }
      case 'CONTAINS':
        return `CONTAINS ${this.expectWord(['ANY', 'ALL', 'NONE'])}` as GaqlOperator;
      case 'IS':
        if (this.acceptKeyword('NOT')) {
          this.expectWord(['NULL']);
          return 'IS NOT NULL';
        }
        this.expectWord(['NULL']);
        return 'IS NULL';
      default:
        throw this.unexpectedAt(token, 'BAD_OPERATOR', 'expected an operator');
    }
  }

  private parseValueFor(operator: GaqlOperator): GaqlValue {
    if (operator === 'BETWEEN') {
      const from = this.parseScalar();
      if (!this.acceptKeyword('AND')) throw this.unexpected('EXPECTED_AND', 'expected AND between the two values of BETWEEN');
      return { kind: 'range', from, to: this.parseScalar() };
    }
    if (operator === 'IN' || operator === 'NOT IN' || operator.startsWith('CONTAINS')) {
      if (!this.acceptSymbol('(')) throw this.unexpected('EXPECTED_LIST', `expected a list of values after ${operator}`);
      const values: GaqlScalar[] = [];
      if (!this.acceptSymbol(')')) {
        values.push(this.parseScalar());
        while (this.acceptSymbol(',')) values.push(this.parseScalar());
        if (!this.acceptSymbol(')')) throw this.unexpected('UNEXPECTED_INPUT', "expected ',' or ')' in the value list");
      }
      return { kind: 'list', values };
    }
    return this.parseScalar();
  }

  private parseScalar(): GaqlScalar {
    const token = this.next();
    switch (token.kind) {
      case 'string':
        return { kind: 'string', value: token.value ?? '' };
      case 'number':
        return { kind: 'number', value: Number(token.text), text: token.text };
      case 'word':
        if (CLAUSE_KEYWORDS.has(token.text.toUpperCase())) break;
        return { kind: 'literal', value: token.text };
      case 'end':
        throw this.endOfQuery(token);
    }
    throw this.unexpectedAt(token, 'BAD_VALUE', 'expected a value');
  }

  private parseOrderings(): GaqlOrdering[] {
    const orderings: GaqlOrdering[] = [];
    do {
      const { field } = this.parseField();
      let direction: 'ASC' | 'DESC' = 'ASC';
      if (this.acceptKeyword('DESC')) direction = 'DESC';
      else this.acceptKeyword('ASC');
      orderings.push({ field, direction });
    } while (this.acceptSymbol(','));
    return orderings;
  }

  private parseLimit(): number {
    const token = this.next();
    if (token.kind === 'end') throw this.endOfQuery(token);
    if (token.kind !== 'number' || !/^-?\d+$/.test(token.text)) {
      throw new GaqlQueryError('BAD_LIMIT_VALUE', `Error in query: invalid LIMIT value '${token.text}'.`, token.position);
    }
    const limit = Number(token.text);
    if (limit < 1) {
      throw new GaqlQueryError('LIMIT_VALUE_TOO_LOW', 'Error in query: the LIMIT value must be at least 1.', token.position);
    }
    return limit;
  }

  private parseParameters(): Record<string, string> {
    const parameters: Record<string, string> = {};
    do {
      const name = this.next();
      if (name.kind !== 'word') throw this.unexpectedAt(name, 'BAD_PARAMETER_NAME', 'expected a parameter name');
      if (!this.acceptSymbol('=')) throw this.unexpected('UNEXPECTED_INPUT', "expected '=' after the parameter name");
      const value = this.parseScalar();
      parameters[name.text] = String(value.value);
    } while (this.acceptSymbol(','));
    return parameters;
  }

  private expectWord(allowed: string[]): string {
    const token = this.next();
    if (token.kind === 'word' && allowed.includes(token.text.toUpperCase())) return token.text.toUpperCase();
    if (token.kind === 'end') throw this.endOfQuery(token);
    throw this.unexpectedAt(token, 'BAD_OPERATOR', `expected ${allowed.join(' or ')}`);
  }

  private peek(): Token {
    return this.tokens[this.index]!;
  }

  private next(): Token {
    const token = this.tokens[this.index]!;
    if (token.kind !== 'end') this.index++;
    return token;
  }

  private isKeyword(token: Token, keyword: string): boolean {
    return token.kind === 'word' && token.text.toUpperCase() === keyword;
  }

  private acceptKeyword(keyword: string): boolean {
    if (!this.isKeyword(this.peek(), keyword)) return false;
    this.index++;
    return true;
  }

  private acceptSymbol(symbol: string): boolean {
    const token = this.peek();
    if (token.kind !== 'symbol' || token.text !== symbol) return false;
    this.index++;
    return true;
  }

  private unexpected(code: string, expectation: string): GaqlQueryError {
    return this.unexpectedAt(this.peek(), code, expectation);
  }

  private unexpectedAt(token: Token, code: string, expectation?: string): GaqlQueryError {
    if (token.kind === 'end') return this.endOfQuery(token, expectation);
    const suffix = expectation ? ` (${expectation})` : '';
    return new GaqlQueryError(
      code,
      `Error in query: unexpected input '${token.text}' at position ${token.position}${suffix}.`,
      token.position,
    );
  }

  private endOfQuery(token: Token, expectation?: string): GaqlQueryError {
    const suffix = expectation ? ` (${expectation})` : '';
    return new GaqlQueryError('UNEXPECTED_END_OF_QUERY', `Error in query: unexpected end of query${suffix}.`, token.position);
  }
}
